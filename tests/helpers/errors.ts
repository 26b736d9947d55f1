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

/** The MatlabError a call throws (fails the test when it does not throw one). */
export function errorOf(f: () => unknown): MatlabError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(MatlabError);
    return e as MatlabError;
  }
  throw new Error('expected an error');
}

/** Expect a MatlabError with identifier `id` whose message contains every fragment, from a throwing call or a rejecting promise. */
export function expectMatlabError(p: Promise<unknown>, id: string, ...fragments: string[]): Promise<MatlabError>;
export function expectMatlabError(f: () => unknown, id: string, ...fragments: string[]): MatlabError;
export function expectMatlabError(p: Promise<unknown> | (() => unknown), id: string, ...fragments: string[]): MatlabError | Promise<MatlabError> {
  const check = (e: MatlabError) => {
    expect(e.identifier).toBe(id);
    for (const f of fragments) expect(e.message).toContain(f);
    return e;
  };
  return typeof p === 'function' ? check(errorOf(p)) : rejectionOf(p).then(check);
}
