/**
 * The declared layer model. Each layer class declares once, in a static
 * `declaration`, its MATLAB class name, its properties (default, validator,
 * display group) and its learnables (size rule, initializer property, the
 * properties holding their learn-rate and L2 factors). Construction from
 * name-value pairs, validation, display, clone, save/load and the trainer's
 * parameter list are all derived from it here — the discipline of Keras'
 * `add_weight`/`get_config` and PyTorch's `state_dict` with `_version`.
 *
 * Declared properties are the layer's whole state. Anything else a layer
 * computes (engine tensors, folded weights) lives in its private cache
 * (layerCache.ts): never cloned, never saved.
 */
import type { tf } from '../engine/tf.ts';
import { parseNameValues } from '../runtime/args.ts';
import { matlabError } from '../runtime/errors.ts';
import { MArray } from '../runtime/marray.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';
import type { ActivationSize } from './Layer.ts';

/** Where MATLAB's property display shows a property. 'hidden' ones appear only under "Show all properties"; 'internal' ones are state MATLAB does not show. */
export type DisplayGroup = 'Name' | 'Hyperparameters' | 'Learnable Parameters' | 'State Parameters' | 'hidden' | 'internal';

export interface PropertySpec {
  /** MATLAB's property name. */
  readonly name: string;
  readonly group: DisplayGroup;
  /** Value of a new layer; a function gives each layer its own (arrays). */
  readonly default: unknown;
  /** Checks and normalises a given value (constructor, assignment through `set`, load); throws MATLAB's error. */
  readonly validate?: (fn: string, value: unknown) => unknown;
  /** May be given as a name-value argument to the constructor (default true except for 'internal'). */
  readonly option?: boolean;
}

/** A name-value argument that is not itself a property (e.g. 'Padding' sets PaddingMode and PaddingSize). */
export interface OptionSpec {
  readonly name: string;
  readonly apply: (fn: string, layer: any, value: unknown) => void;
}

/** Size and fans of a learnable for a given input. */
export interface LearnableShape {
  dims: number[];
  fanIn: number;
  fanOut: number;
}

export interface LearnableSpec {
  /** The MATLAB property holding the values ('Weights'). */
  readonly name: string;
  /** Properties holding the learn-rate and L2 factors. */
  readonly learnRateFactor: string;
  readonly l2Factor: string;
  /** Property holding the initializer ('WeightsInitializer'); its value is a name or a function handle. */
  readonly initializer: string;
  readonly shape: (layer: any, input: ActivationSize) => LearnableShape;
  /** MATLAB array → engine tensor (layout conversion). */
  readonly toEngine: (layer: any, value: MArray) => tf.Tensor;
  /** Engine tensor → MATLAB array. */
  readonly fromEngine: (layer: any, t: tf.Tensor) => MArray;
}

export interface LayerDeclaration {
  /** MATLAB's class name shown in `… with properties:` and stored in files. */
  readonly className: string;
  /** MATLAB's type column in a layer array display ('Convolution'). */
  readonly type: string;
  /** Name trainNetwork gives an unnamed layer ('conv', 'relu', …). */
  readonly defaultName: string;
  /** Bumped when the saved properties change meaning; `upgrade` maps older saves. */
  readonly version: number;
  readonly properties: readonly PropertySpec[];
  readonly options?: readonly OptionSpec[];
  readonly learnables?: readonly LearnableSpec[];
  /** Maps the properties of a file saved at `version` (0: before versions existed) to today's. */
  readonly upgrade?: (version: number, props: Record<string, unknown>) => Record<string, unknown>;
}

/** The property every layer has, first. */
export const NAME_PROPERTY: PropertySpec = { name: 'Name', group: 'Name', default: '', validate: layerNameValue };

function layerNameValue(fn: string, v: unknown): string {
  if (typeof v !== 'string') matlabError(`${fn}:invalidName`, "Invalid value for 'Name'. Value must be a character vector or string scalar.");
  return v;
}

function defaultOf(spec: PropertySpec): unknown {
  return typeof spec.default === 'function' ? (spec.default as () => unknown)() : copyValue(spec.default);
}

/** A property value copied as MATLAB copies values; arrays share their data until one side writes (MArray copy-on-write). */
export function copyValue(v: unknown): unknown {
  if (v instanceof MArray) return v.shareCopy();
  if (Array.isArray(v)) return v.map(copyValue);
  return v;
}

type Target = Record<string, unknown>;

/**
 * Fill a new layer from its declaration: `positional` values first (the
 * constructor's required arguments, by property name), then name-value
 * pairs, then defaults. Every value passes its validator.
 */
export function fillLayer(fn: string, layer: object, decl: LayerDeclaration, positional: Record<string, unknown>, nv: readonly unknown[]): void {
  const t = layer as Target;
  const optionProps = decl.properties.filter((p) => p.option ?? p.group !== 'internal');
  const names = [...optionProps.map((p) => p.name), ...(decl.options ?? []).map((o) => o.name)];
  const given = parseNameValues(fn, nv, names);
  for (const p of decl.properties) {
    const v = p.name in positional ? positional[p.name] : given.has(p.name) ? given.get(p.name) : undefined;
    t[p.name] = v === undefined ? defaultOf(p) : p.validate ? p.validate(fn, v) : v;
  }
  for (const o of decl.options ?? []) if (given.has(o.name)) o.apply(fn, layer, given.get(o.name));
}

/** A copy of a layer: declared properties only, so caches start empty. */
export function cloneDeclared<T extends object>(layer: T, decl: LayerDeclaration): T {
  const copy = Object.create(Object.getPrototypeOf(layer)) as Target;
  for (const p of decl.properties) copy[p.name] = copyValue((layer as Target)[p.name]);
  return copy as T;
}

/** The saved form: the declared properties and the class's version. */
export function layerState(layer: object, decl: LayerDeclaration): Record<string, unknown> {
  const out: Record<string, unknown> = { _version: decl.version };
  for (const p of decl.properties) out[p.name] = (layer as Target)[p.name];
  return out;
}

/**
 * A layer rebuilt from its saved form. Files written before versions existed
 * held every field of the object; their declared properties are the same
 * names, so they load through `upgrade(0, …)`. Every value is validated, so a
 * hand-edited file fails here with a clear message rather than later.
 */
export function restoreLayer<T extends object>(proto: T, decl: LayerDeclaration, saved: Record<string, unknown>): T {
  if (saved === null || typeof saved !== 'object') matlabError('load:invalidLayer', `Invalid saved ${decl.className}: expected its properties.`);
  const version = typeof saved._version === 'number' ? saved._version : 0;
  if (version > decl.version) {
    matlabError('load:newerLayerVersion', `The file holds a ${decl.className} of version ${version}; this toolbox reads versions up to ${decl.version}. Update the toolbox.`);
  }
  const props = decl.upgrade && version < decl.version ? decl.upgrade(version, { ...saved }) : saved;
  const layer = Object.create(proto) as Target;
  const fn = 'load';
  for (const p of decl.properties) {
    const v = props[p.name];
    try {
      layer[p.name] = v === undefined ? defaultOf(p) : v === null || !p.validate ? v : p.validate(fn, v);
    } catch (e) {
      matlabError('load:invalidLayer', `Invalid saved ${decl.className}: property '${p.name}': ${(e as Error).message}`);
    }
  }
  for (const l of decl.learnables ?? []) {
    const v = layer[l.name];
    if (v !== null && !(v instanceof MArray)) matlabError('load:invalidLayer', `Invalid saved ${decl.className}: property '${l.name}' must be a numeric array or empty.`);
  }
  return layer as T;
}

/** MATLAB's property display: Name, then each group under its heading, then the link to all properties. */
export function displayDeclared(layer: object, decl: LayerDeclaration, inline: (v: unknown) => string): string {
  const shownGroups: DisplayGroup[] = ['Name', 'Hyperparameters', 'Learnable Parameters', 'State Parameters'];
  const groups = shownGroups.map((g) => ({
    heading: g === 'Name' ? undefined : g,
    rows: decl.properties.filter((p) => p.group === g).map((p) => [p.name, inline((layer as Target)[p.name])] as const),
  }));
  const hasHidden = decl.properties.some((p) => p.group === 'hidden');
  return propertiesDisplay(decl.className, groups, { link: hasHidden ? 'Show all properties' : undefined, newline: true });
}

/** Every visible property (MATLAB's `properties(layer)` / get), in declared order. */
export function publicProperties(layer: object, decl: LayerDeclaration): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of decl.properties) if (p.group !== 'internal') out[p.name] = (layer as Target)[p.name];
  return out;
}
