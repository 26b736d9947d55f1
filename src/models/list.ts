/**
 * `dltb models list`: the store's folder and, for each pretrained network
 * the toolbox knows, whether it is installed, its file and size, and where
 * its weights came from.
 */
import { installedModel, modelStore } from './store.ts';
import { ZOO, megabytes, zooFileName } from './zoo.ts';

export function modelsListing(): string {
  const store = modelStore();
  const rows = ZOO.map((z) => {
    const m = installedModel(z.name, store);
    return m
      ? [z.name, 'installed', megabytes(m.bytes), m.file, m.info ? `${m.info.sourceFile}: ${m.info.provenance}` : '']
      : [z.name, 'not installed', '', `npx dltb models install ${z.name}`, `downloads ${megabytes(z.size)} (${zooFileName(z)})`];
  });
  const head = ['Name', 'Status', 'Size', 'File', 'Weights'];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
  const line = (r: string[]) => `  ${r.map((c, k) => c.padEnd(widths[k])).join('   ')}`.trimEnd();
  return [`Model store: ${store}`, '', line(head), `  ${widths.map((w) => '_'.repeat(w)).join('   ')}`, ...rows.map(line), ''].join('\n');
}
