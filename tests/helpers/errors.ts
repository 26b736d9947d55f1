/** The MatlabError a promise rejects with (the test fails if it resolves or rejects otherwise). */
import { expect } from 'vitest';
import { MatlabError } from '../../src/runtime/errors.ts';

export async function rejectionOf(p: Promise<unknown>): Promise<MatlabError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MatlabError);
    return e as MatlabError;
  }
  throw new Error('expected an error');
}

/** The MatlabError a call throws (the test fails if it returns or throws something else). */
export function errorOf(f: () => unknown): MatlabError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MatlabError);
    return e as MatlabError;
  }
  throw new Error('expected an error');
}
