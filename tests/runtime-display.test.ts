import { describe, it, expect } from 'vitest';
import { MArray } from '../src/runtime/marray.ts';
import { Categorical } from '../src/runtime/categorical.ts';
import { Cell } from '../src/runtime/cell.ts';
import { table } from '../src/runtime/table.ts';
import { display, displayText } from '../src/runtime/display.ts';
import { propertiesBody } from '../src/runtime/render.ts';
import { captureOutput } from '../src/runtime/output.ts';
import { zeros } from '../src/runtime/ops.ts';

const show = (name: string, v: unknown) => displayText(name, v);

describe('display of numbers (format short, loose)', () => {
  it('scalars', () => {
    expect(show('x', 0.9791)).toBe('x =\n\n    0.9791\n\n');
    expect(show('n', 5)).toBe('n =\n\n     5\n\n');
    expect(show('y', -0.5)).toBe('y =\n\n   -0.5000\n\n');
    expect(show('z', 123.456)).toBe('z =\n\n  123.4560\n\n');
    expect(show('big', 1234.5)).toBe('big =\n\n   1.2345e+03\n\n');
    expect(show('tiny', 0.00012345)).toBe('tiny =\n\n   1.2345e-04\n\n');
    // format short keeps fixed point only strictly above 0.001, in every display (as trainingOptions').
    expect(show('x', 0.001)).toBe('x =\n\n   1.0000e-03\n\n');
    expect(show('x', MArray.scalar(-0.001))).toBe('x =\n\n  -1.0000e-03\n\n');
    expect(show('x', 0.0011)).toBe('x =\n\n    0.0011\n\n');
    expect(show('y', 2019)).toBe('y =\n\n        2019\n\n');
    expect(show('q', NaN)).toBe('q =\n\n   NaN\n\n');
    expect(show('accuracyValid', MArray.scalar(0.985))).toBe('accuracyValid =\n\n    0.9850\n\n');
  });

  it('the training info struct shows its scalars in the same format short', async () => {
    const { TrainingInfo } = await import('../src/train/trainingInfo.ts');
    const info = new TrainingInfo('classification');
    info.setFinalValidation(0.0005, 97.5);
    const text = info.displayMatlab();
    expect(text).toContain('FinalValidationLoss: 5.0000e-04');
    expect(text).toContain('FinalValidationAccuracy: 97.5000');
  });

  it("wide matrices in 'Columns a through b' blocks fitted to 80 characters when output is not a terminal", () => {
    expect(process.stdout.isTTY).not.toBe(true);
    const wide = MArray.from(new Float64Array(3 * 20).fill(0.25), [3, 20]);
    const text = show('r', wide);
    const lines = text.split('\n');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
    expect(lines.filter((l) => l.startsWith('  Column'))).toEqual(['  Columns 1 through 8', '  Columns 9 through 16', '  Columns 17 through 20']);
    const row = `${'    0.2500'.repeat(8)}`;
    expect(text.startsWith(`r =\n\n  Columns 1 through 8\n\n${row}\n${row}\n${row}\n\n  Columns 9 through 16\n\n`)).toBe(true);
    expect(text.endsWith(`  Columns 17 through 20\n\n${'    0.2500'.repeat(4)}\n${'    0.2500'.repeat(4)}\n${'    0.2500'.repeat(4)}\n\n`)).toBe(true);
    // A last block of one column says 'Column n'; integers fit 13 columns of 6.
    expect(show('v', MArray.row(Array.from({ length: 14 }, (_, i) => i + 1)))).toBe(
      `v =\n\n  Columns 1 through 13\n\n${Array.from({ length: 13 }, (_, i) => String(i + 1).padStart(6)).join('')}\n\n  Column 14\n\n    14\n\n`);
  });

  it('wide matrices fit the terminal width when output is a terminal', () => {
    const saved = { isTTY: Object.getOwnPropertyDescriptor(process.stdout, 'isTTY'), columns: Object.getOwnPropertyDescriptor(process.stdout, 'columns') };
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
    Object.defineProperty(process.stdout, 'columns', { value: 45, configurable: true });
    try {
      const lines = show('r', MArray.from(new Float64Array(10).fill(0.5), [1, 10])).split('\n');
      expect(lines.filter((l) => l.startsWith('  Column'))).toEqual(['  Columns 1 through 4', '  Columns 5 through 8', '  Columns 9 through 10']);
    } finally {
      for (const [key, d] of Object.entries(saved)) {
        if (d) Object.defineProperty(process.stdout, key, d);
        else delete (process.stdout as unknown as Record<string, unknown>)[key];
      }
    }
  });

  it('integer vectors and matrices use 6-wide columns (12 from 1000 up)', () => {
    expect(show('v', MArray.row([1, 2, 3]))).toBe('v =\n\n     1     2     3\n\n');
    expect(show('c', MArray.column([1, -2]))).toBe('c =\n\n     1\n    -2\n\n');
    expect(show('inputSize', MArray.row([28, 28]))).toBe('inputSize =\n\n    28    28\n\n');
    expect(show('s', MArray.row([1000, 3]))).toBe('s =\n\n        1000           3\n\n');
    expect(show('w', MArray.row([1, NaN]))).toBe('w =\n\n     1   NaN\n\n');
  });

  it('non-integer matrices: 4 decimals, exact zeros as 0, common scale factor', () => {
    expect(show('m', MArray.from([1.5, 3, 2, 4], [2, 2]))).toBe('m =\n\n    1.5000    2.0000\n    3.0000    4.0000\n\n');
    expect(show('m', MArray.row([0, 0.5]))).toBe('m =\n\n         0    0.5000\n\n');
    expect(show('m', MArray.row([1500.5, 2]))).toBe('m =\n\n   1.0e+03 *\n\n    1.5005    0.0020\n\n');
    expect(show('m', MArray.row([225323.23, 523.23]))).toBe('m =\n\n   1.0e+05 *\n\n    2.2532    0.0052\n\n');
  });

  it('uint8 and logical arrays show their class line', () => {
    expect(show('u', MArray.from([1, 2, 255], [1, 3], 'uint8'))).toBe('u =\n\n  1×3 uint8 row vector\n\n     1     2   255\n\n');
    expect(show('u', MArray.from([7], [1, 1], 'uint8'))).toBe('u =\n\n  uint8\n\n   7\n\n');
    expect(show('I', MArray.from([1, 2, 3, 4], [2, 2], 'uint8'))).toBe('I =\n\n  2×2 uint8 matrix\n\n   1   3\n   2   4\n\n');
    expect(show('t', true)).toBe('t =\n\n  logical\n\n   1\n\n');
    expect(show('b', MArray.from([1, 0, 1], [1, 3], 'logical'))).toBe('b =\n\n  1×3 logical array\n\n   1   0   1\n\n');
  });

  it('empties', () => {
    expect(show('e', MArray.zeros([0, 0]))).toBe('e =\n\n     []\n\n');
    expect(show('z', zeros(0, 3))).toBe('z =\n\n  0×3 empty double matrix\n\n');
    expect(show('r', zeros(1, 0))).toBe('r =\n\n  1×0 empty double row vector\n\n');
  });

  it('N-d arrays page by page', () => {
    const a = MArray.from([1, 2, 3, 4], [1, 2, 2]);
    expect(show('a', a)).toBe('a(:,:,1) =\n\n     1     2\n\n\na(:,:,2) =\n\n     3     4\n\n');
  });
});

describe('display of text, categoricals, cells, tables, objects', () => {
  it('char vectors are quoted', () => {
    expect(show('s', 'abc')).toBe("s =\n\n    'abc'\n\n");
    expect(show('s', '')).toBe('s =\n\n  0×0 empty char array\n\n');
  });

  it('categorical arrays: labels left-aligned', () => {
    const c = Categorical.fromStrings(['plane', 'car', 'plane']);
    expect(show('c', c)).toBe('c =\n\n  3×1 categorical array\n\n     plane \n     car   \n     plane \n\n');
    expect(show('k', c.get(2))).toBe('k =\n\n  categorical\n\n     car \n\n');
  });

  it('cell arrays of strings', () => {
    expect(show('C', Cell.column(['car', 'plane', 'train']))).toBe("C =\n\n  3×1 cell array\n\n    {'car'  }\n    {'plane'}\n    {'train'}\n\n");
    expect(show('R', Cell.row(['Four', 'Six', 'Eight']))).toBe("R =\n\n  1×3 cell array\n\n    {'Four'}    {'Six'}    {'Eight'}\n\n");
    expect(show('M', Cell.row([5, MArray.zeros([2, 2])]))).toBe('M =\n\n  1×2 cell array\n\n    {[5]}    {2×2 double}\n\n');
  });

  it('tables: categorical values and numbers centered under centered headers', () => {
    const labelCount = table({
      Label: Categorical.fromStrings(['0', '1', '2']),
      Count: MArray.column([863, 1000, 77]),
    });
    expect(show('labelCount', labelCount)).toBe(
      'labelCount =\n\n  3×2 table\n\n' +
      '    Label    Count\n' +
      '    _____    _____\n\n' +
      '      0       863 \n' +
      '      1      1000 \n' +
      '      2        77 \n\n',
    );
    const wide = table({ Label: Categorical.fromStrings(['demos', 'imagesci']), Count: MArray.column([6, 2]) });
    expect(show('T', wide)).toBe(
      'T =\n\n  2×2 table\n\n' +
      '     Label      Count\n' +
      '    ________    _____\n\n' +
      '    demos         6  \n' +
      '    imagesci      2  \n\n',
    );
  });

  it('objects with displayMatlab() and plain structs', () => {
    const layer = { displayMatlab: () => '  ReLULayer with properties:\n\n    Name: \'relu\'\n' };
    expect(show('l', layer)).toBe("l =\n\n  ReLULayer with properties:\n\n    Name: 'relu'\n\n");
    expect(show('s', { a: 1, name: 'abc', lr: 0.9 })).toBe("s =\n\n  struct with fields:\n\n       a: 1\n    name: 'abc'\n      lr: 0.9000\n\n");
    expect(propertiesBody('X with properties:', { Size: MArray.row([28, 28, 1]) })).toBe('  X with properties:\n\n    Size: [28 28 1]');
  });

  it('display prints every variable to the output sink', () => {
    const out = captureOutput(() => display({ a: 1, b: 'x' }));
    expect(out).toBe("a =\n\n     1\n\nb =\n\n    'x'\n\n");
  });
});

describe('display of unset cell elements and cell/table mixes', () => {
  it('an unset element shows as 0×0 double; table cell columns are braced', () => {
    const c = Cell.column<string>(['a']);
    c.set(2, 'bcd');
    c.length = 3;
    expect(show('c', c)).toBe("c =\n\n  3×1 cell array\n\n    {'a'       }\n    {'bcd'     }\n    {0×0 double}\n\n");
    const t = table({ File: Cell.column(['x.png', 'yy.png']), Ok: MArray.from([1, 0], [2, 1], 'logical') });
    expect(show('t', t)).toBe(
      't =\n\n  2×2 table\n\n' +
      '       File        Ok  \n' +
      '    __________    _____\n\n' +
      "    {'x.png' }    true \n" +
      "    {'yy.png'}    false\n\n",
    );
  });
});
