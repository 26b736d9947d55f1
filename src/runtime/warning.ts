/**
 * MATLAB's warning(id, msg): printed on standard error as `Warning: msg`,
 * and execution goes on.
 */
import { writeErr } from './output.ts';

export function matlabWarning(identifier: string, message: string): void {
  void identifier; // kept for MATLAB's warning('off', id) should it be added
  writeErr(`Warning: ${message}\n`);
}
