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
  const m = resolvePrefix(given, choices);
  if (m.kind === 'match') return m.value;
  if (m.kind === 'ambiguous') {
    matlabError(`${fn}:ambiguousValue`, `'${given}' matches more than one valid ${what}: ${quoteList(m.candidates)}.`);
  }
  return matlabError(`${fn}:unrecognizedStringChoice`, `Expected ${what} to match one of these values:\n\n${quoteList(choices)}\n\nThe input, '${given}', did not match any of the valid values.`);
}

type PrefixMatch = { kind: 'match'; value: string } | { kind: 'ambiguous'; candidates: string[] } | { kind: 'none' };

/** Case-insensitive exact match first, else a unique prefix match. */
function resolvePrefix(given: string, choices: readonly string[]): PrefixMatch {
  const g = given.toLowerCase();
  const exact = choices.find((c) => c.toLowerCase() === g);
  if (exact !== undefined) return { kind: 'match', value: exact };
  const hits = g.length === 0 ? [] : choices.filter((c) => c.toLowerCase().startsWith(g));
  if (hits.length === 1) return { kind: 'match', value: hits[0] };
  return hits.length > 1 ? { kind: 'ambiguous', candidates: hits } : { kind: 'none' };
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
  const m = resolvePrefix(given, names);
  if (m.kind === 'match') return m.value;
  if (m.kind === 'ambiguous') {
    matlabError(`${fn}:ambiguousParameter`, `'${given}' is an ambiguous parameter name for ${fn}: it matches ${quoteList(m.candidates)}.`);
  }
  return matlabError(`${fn}:unrecognizedParameter`, `'${given}' is not a recognized parameter. For a list of valid name-value pair arguments, see the documentation for ${fn}.\nValid names: ${quoteList(names)}.`);
}
