/**
 * MATLAB-style errors: every public function throws a MatlabError whose
 * `identifier` follows MATLAB's 'Component:mnemonic' convention and whose
 * message reads like MATLAB's, so users can match on either.
 */
export class MatlabError extends Error {
  readonly identifier: string;
  constructor(identifier: string, message: string) {
    super(message);
    this.name = 'MatlabError';
    this.identifier = identifier;
  }
}

/** Throw a MatlabError (MATLAB's `error(id, msg)`). */
export function matlabError(identifier: string, message: string): never {
  throw new MatlabError(identifier, message);
}
