/**
 * The boxed tables MATLAB prints while it iterates (trainNetwork's verbose
 * table, deepDreamImage's): each heading wrapped onto two lines, a column as
 * wide as its longest heading line plus two spaces on each side, values
 * right-aligned with one space of margin, the border spanning the table.
 */
export type Heading = readonly [string, string];

export class BoxTable {
  constructor(private readonly headings: readonly Heading[]) {}

  /** Border, the two heading lines, border (joined by '\n', no trailing newline). */
  header(): string {
    const border = this.footer();
    return [border, this.headingLine(0), this.headingLine(1), border].join('\n');
  }

  /** One row; an undefined cell stays blank. */
  row(cells: readonly (string | undefined)[]): string {
    const padded = this.headings.map((h, i) => (cells[i] ?? '').padStart(innerWidth(h) + 2));
    return `| ${padded.join(' | ')} |`;
  }

  footer(): string {
    const width = this.headings.reduce((sum, h) => sum + innerWidth(h) + 5, 0);
    return `|${'='.repeat(width - 1)}|`;
  }

  private headingLine(line: 0 | 1): string {
    return this.headings.map((h) => `|  ${centre(h[line], innerWidth(h))}  `).join('') + '|';
  }
}

function innerWidth(h: Heading): number {
  return Math.max(h[0].length, h[1].length);
}

/** Centre like MATLAB's pad(s, 'both'): the odd extra space goes to the right. */
function centre(s: string, width: number): string {
  const extra = Math.max(0, width - s.length);
  const left = Math.floor(extra / 2);
  return ' '.repeat(left) + s + ' '.repeat(extra - left);
}
