/**
 * The table deepDreamImage prints when Verbose is true:
 * Iteration | Activation Strength | Pyramid Level, one row per iteration.
 */
import { BoxTable } from '../runtime/boxTable.ts';
import { printfFixed } from '../runtime/durationFormat.ts';
import { writeOut } from '../runtime/output.ts';

export class DreamTable {
  private readonly box = new BoxTable([['Iteration', ''], ['Activation', 'Strength'], ['Pyramid Level', '']]);

  begin(): void {
    writeOut(`${this.box.header()}\n`);
  }

  row(iteration: number, strength: number, level: number): void {
    writeOut(`${this.box.row([String(iteration), printfFixed(strength, 2), String(level)])}\n`);
  }

  end(): void {
    writeOut(`${this.box.footer()}\n`);
  }
}
