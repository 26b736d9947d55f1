/**
 * Name-value argument handling shared by every public function:
 * names are case-insensitive and any unambiguous prefix is accepted,
 * exactly as MATLAB's inputParser with PartialMatching on.
 */
import { matlabError } from './errors.ts';

/**
 * Resolve `given` against `choices` (case-insensitive, unambiguous prefix).
 * An exact (case-insensitive) match always wins over prefix matches.
 */
export function matchString(fn: string, what: string, given: unknown, choices: readonly string[]): string {
  if (typeof given !== 'string') {
    matlabError(`${fn}:invalidType`, `Invalid ${what}. Expected a character vector or string scalar, one of: ${quoteList(choices)}.`);
  }
  const g = given.toLowerCase();
  const exact = choices.find((c) => c.toLowerCase() === g);
  if (exact !== undefined) return exact;
  const hits = g.length === 0 ? [] : choices.filter((c) => c.toLowerCase().startsWith(g));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) {
    matlabError(`${fn}:ambiguousValue`, `'${given}' matches more than one valid ${what}: ${quoteList(hits)}.`);
  }
  return matlabError(`${fn}:unrecognizedStringChoice`, `Expected ${what} to match one of these values:\n\n${quoteList(choices)}\n\nThe input, '${given}', did not match any of the valid values.`);
}

export function quoteList(choices: readonly string[]): string {
  return choices.map((c) => `'${c}'`).join(', ');
}

/**
 * Parse MATLAB name-value pairs into a record keyed by canonical names.
 * `names` lists the accepted names in MATLAB's spelling. Values are returned
 * untouched; each caller validates its own values.
 */
export function parseNameValues(fn: string, args: readonly unknown[], names: readonly string[]): Map<string, unknown> {
  if (args.length % 2 !== 0) {
    matlabError(`${fn}:invalidNameValue`, `Name-value arguments must come in pairs: ${args.length} argument(s) given after the required inputs.`);
  }
  const out = new Map<string, unknown>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    if (typeof name !== 'string') {
      matlabError(`${fn}:invalidNameValue`, `Expected a parameter name (a character vector) at argument position ${i + 1}.`);
    }
    const canonical = matchParameterName(fn, name, names);
    out.set(canonical, args[i + 1]);
  }
  return out;
}

function matchParameterName(fn: string, given: string, names: readonly string[]): string {
  const g = given.toLowerCase();
  const exact = names.find((c) => c.toLowerCase() === g);
  if (exact !== undefined) return exact;
  const hits = g.length === 0 ? [] : names.filter((c) => c.toLowerCase().startsWith(g));
  if (hits.length === 1) return hits[0];
  if (hits.length > 1) {
    matlabError(`${fn}:ambiguousParameter`, `'${given}' is an ambiguous parameter name for ${fn}: it matches ${quoteList(hits)}.`);
  }
  return matlabError(`${fn}:unrecognizedParameter`, `'${given}' is not a recognized parameter. For a list of valid name-value pair arguments, see the documentation for ${fn}.\nValid names: ${quoteList(names)}.`);
}
