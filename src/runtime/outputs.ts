/**
 * MATLAB's multiple return values. A function returning `[a, b]` returns its
 * first output enriched so that both `x = f()` and `[x, y] = f()` read
 * naturally in TypeScript: `const net = …` uses it as the first output,
 * `const [net, info] = …` destructures all of them.
 */
export type Outputs<First extends object, All extends readonly unknown[]> = First & All;

export function withOutputs<First extends object, All extends readonly unknown[]>(first: First, all: All): Outputs<First, All> {
  const target = first as Record<PropertyKey, unknown>;
  all.forEach((v, i) => Object.defineProperty(target, i, { value: v, enumerable: false, configurable: true, writable: true }));
  Object.defineProperty(target, Symbol.iterator, { value: function* () { yield* all; }, enumerable: false, configurable: true, writable: true });
  return first as Outputs<First, All>;
}
