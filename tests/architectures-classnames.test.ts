import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The ImageNet class names shipped for alexnet/vgg/googlenet/resnet50/squeezenet ('Weights','none').
const FILE = fileURLToPath(new URL('../src/architectures/data/imagenetClasses.txt', import.meta.url));

function classNames(): string[] {
  const text = readFileSync(FILE, 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n');
}

describe('imagenetClasses.txt', () => {
  it('holds 1000 unique, trimmed, non-empty names', () => {
    const names = classNames();
    expect(names).toHaveLength(1000);
    expect(new Set(names).size).toBe(1000);
    for (const n of names) {
      expect(n).toBe(n.trim());
      expect(n.length).toBeGreaterThan(0);
      expect(n).not.toContain(',');
    }
  });

  it('is in the ILSVRC-2012 index order with MATLAB spellings', () => {
    const names = classNames();
    // 1-based line numbers, as MATLAB indexes ClassNames.
    const at = (k: number) => names[k - 1];
    expect(at(1)).toBe('tench');
    expect(at(2)).toBe('goldfish');
    expect(at(488)).toBe('cellular telephone');
    expect(at(420)).toBe('Band Aid');
    expect(at(946)).toBe('bell pepper');
    expect(at(1000)).toBe('toilet tissue');
  });

  it('renames the second of each duplicated first synonym', () => {
    const names = classNames();
    expect(names[134]).toBe('crane');
    expect(names[517]).toBe('crane_1');
    expect(names[638]).toBe('maillot');
    expect(names[639]).toBe('maillot_1');
  });
});
