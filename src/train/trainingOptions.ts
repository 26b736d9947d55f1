/**
 * trainingOptions(solverName, Name, Value, ...): MATLAB's training options
 * objects (TrainingOptionsSGDM / TrainingOptionsADAM / TrainingOptionsRMSProp)
 * with MATLAB's property names, defaults, validation and display.
 *
 * Errors follow MATLAB's inputParser + validateattributes wording
 * ("The value of 'MaxEpochs' is invalid. Expected input to be positive.").
 */
import { accessSync, constants, statSync } from 'node:fs';
import { parseNameValues, matchString } from '../runtime/args.ts';
import { MatlabError, matlabError } from '../runtime/errors.ts';
import { shortScalarText } from '../runtime/numdisplay.ts';
import { propertiesDisplay } from '../runtime/propertiesDisplay.ts';

const FN = 'trainingOptions';

export type SolverName = 'sgdm' | 'adam' | 'rmsprop';
/** MATLAB's order in its own error messages. */
export const SOLVER_NAMES: readonly SolverName[] = ['sgdm', 'rmsprop', 'adam'];

export type LearnRateScheduleName = 'none' | 'piecewise';
export type GradientThresholdMethodName = 'l2norm' | 'global-l2norm' | 'absolute-value';
export type ShuffleName = 'once' | 'never' | 'every-epoch';
export type PlotsName = 'none' | 'training-progress';
export type ExecutionEnvironmentName = 'auto' | 'cpu' | 'gpu' | 'multi-gpu' | 'parallel';
export type BatchNormalizationStatisticsName = 'population' | 'moving';
export type CheckpointFrequencyUnitName = 'epoch' | 'iteration';
export type OutputNetworkName = 'last-iteration' | 'best-validation-loss';

/** Called after each iteration with the training info; returning true stops training. */
export type OutputFcn = (info: any) => unknown;

/** A datastore as validation data: labelled files, or anything with read(). */
export interface ValidationDatastoreLike {
  readonly Files?: unknown;
  readonly Labels?: unknown;
  read?: (...args: never[]) => unknown;
}
/** `{X, Y}` in MATLAB: predictors and responses. */
export type ValidationPair = readonly [unknown, unknown];
export type ValidationDataValue = ValidationDatastoreLike | ValidationPair;

// ---------------------------------------------------------------- classes

const CLASS_NAME: Record<SolverName, string> = {
  sgdm: 'TrainingOptionsSGDM',
  adam: 'TrainingOptionsADAM',
  rmsprop: 'TrainingOptionsRMSProp',
};

/** Properties every solver has. Values are set once by trainingOptions (read-only as in MATLAB). */
export abstract class TrainingOptions {
  abstract readonly SolverName: SolverName;
  declare readonly InitialLearnRate: number;
  declare readonly LearnRateSchedule: LearnRateScheduleName;
  declare readonly LearnRateDropFactor: number;
  declare readonly LearnRateDropPeriod: number;
  declare readonly L2Regularization: number;
  declare readonly GradientThresholdMethod: GradientThresholdMethodName;
  declare readonly GradientThreshold: number;
  declare readonly MaxEpochs: number;
  declare readonly MiniBatchSize: number;
  declare readonly Verbose: boolean;
  declare readonly VerboseFrequency: number;
  declare readonly ValidationData: ValidationDataValue | null;
  declare readonly ValidationFrequency: number;
  declare readonly ValidationPatience: number;
  declare readonly Shuffle: ShuffleName;
  declare readonly CheckpointPath: string;
  declare readonly CheckpointFrequency: number;
  declare readonly CheckpointFrequencyUnit: CheckpointFrequencyUnitName;
  declare readonly ExecutionEnvironment: ExecutionEnvironmentName;
  declare readonly OutputFcn: OutputFcn | readonly OutputFcn[] | null;
  declare readonly Plots: PlotsName;
  declare readonly ResetInputNormalization: boolean;
  declare readonly BatchNormalizationStatistics: BatchNormalizationStatisticsName;
  declare readonly OutputNetwork: OutputNetworkName;

  /** Only trainingOptions builds these, from validated values. */
  protected constructor(values: Readonly<Record<string, unknown>>) {
    Object.assign(this, values);
  }

  /** The body MATLAB shows after `options =`. */
  displayMatlab(): string {
    const record = this as unknown as Record<string, unknown>;
    return propertiesDisplay(CLASS_NAME[this.SolverName], propertyNames(this.SolverName).map((n) => [n, displayValue(record[n])] as const));
  }
}

export class TrainingOptionsSGDM extends TrainingOptions {
  readonly SolverName = 'sgdm' as const;
  declare readonly Momentum: number;
}

export class TrainingOptionsADAM extends TrainingOptions {
  readonly SolverName = 'adam' as const;
  declare readonly GradientDecayFactor: number;
  declare readonly SquaredGradientDecayFactor: number;
  declare readonly Epsilon: number;
}

export class TrainingOptionsRMSProp extends TrainingOptions {
  readonly SolverName = 'rmsprop' as const;
  declare readonly SquaredGradientDecayFactor: number;
  declare readonly Epsilon: number;
}

export type AnyTrainingOptions = TrainingOptionsSGDM | TrainingOptionsADAM | TrainingOptionsRMSProp;

// Constructors are protected to keep creation in trainingOptions; this view lets the factory call them.
type Factory = new (values: Readonly<Record<string, unknown>>) => AnyTrainingOptions;
const CLASSES = {
  sgdm: TrainingOptionsSGDM,
  adam: TrainingOptionsADAM,
  rmsprop: TrainingOptionsRMSProp,
} as unknown as Record<SolverName, Factory>;

// ---------------------------------------------------------------- entry point

export function trainingOptions(solverName: 'sgdm', ...nameValues: unknown[]): TrainingOptionsSGDM;
export function trainingOptions(solverName: 'adam', ...nameValues: unknown[]): TrainingOptionsADAM;
export function trainingOptions(solverName: 'rmsprop', ...nameValues: unknown[]): TrainingOptionsRMSProp;
export function trainingOptions(solverName: string, ...nameValues: unknown[]): AnyTrainingOptions;
export function trainingOptions(solverName: string, ...nameValues: unknown[]): AnyTrainingOptions {
  const solver = matchString(FN, 'solverName', solverName, SOLVER_NAMES) as SolverName;
  const given = parseForSolver(solver, nameValues);
  const values: Record<string, unknown> = {};
  // Validate in the order the user gave the options, so the first bad one is reported.
  for (const [name, value] of given) values[name] = OPTIONS[name].check(value, name);
  for (const name of propertyNames(solver)) {
    if (!given.has(name)) values[name] = defaultValue(name, solver);
  }
  // The best validation loss needs a validation set to measure it on.
  if (values.OutputNetwork === 'best-validation-loss' && values.ValidationData === null) {
    matlabError(`${FN}:outputNetworkNeedsValidationData`,
      "The value of 'OutputNetwork' is invalid. 'best-validation-loss' requires validation data: specify 'ValidationData'.");
  }
  return new CLASSES[solver](values);
}

// ---------------------------------------------------------------- option table

interface OptionSpec {
  /** A value, or one per solver where the default differs. */
  readonly default: unknown;
  /** Validates a user value and returns what the property stores. */
  readonly check: (value: unknown, name: string) => unknown;
}

/** Options that exist only for some solvers, in MATLAB's display order (shown first). */
const SOLVER_OPTIONS: Record<SolverName, readonly string[]> = {
  sgdm: ['Momentum'],
  adam: ['GradientDecayFactor', 'SquaredGradientDecayFactor', 'Epsilon'],
  rmsprop: ['SquaredGradientDecayFactor', 'Epsilon'],
};

/** Options every solver has, in MATLAB's display order. */
const COMMON_OPTIONS: readonly string[] = [
  'InitialLearnRate', 'LearnRateSchedule', 'LearnRateDropFactor', 'LearnRateDropPeriod',
  'L2Regularization', 'GradientThresholdMethod', 'GradientThreshold', 'MaxEpochs',
  'MiniBatchSize', 'Verbose', 'VerboseFrequency', 'ValidationData', 'ValidationFrequency',
  'ValidationPatience', 'Shuffle', 'CheckpointPath', 'CheckpointFrequency', 'CheckpointFrequencyUnit',
  'ExecutionEnvironment', 'OutputFcn', 'Plots', 'ResetInputNormalization', 'BatchNormalizationStatistics',
  'OutputNetwork',
];

function propertyNames(solver: SolverName): readonly string[] {
  return [...SOLVER_OPTIONS[solver], ...COMMON_OPTIONS];
}

function defaultValue(name: string, solver: SolverName): unknown {
  const d = OPTIONS[name].default;
  return isPerSolver(d) ? d[solver] : d;
}

function isPerSolver(d: unknown): d is Record<SolverName, unknown> {
  return typeof d === 'object' && d !== null && !Array.isArray(d) && 'adam' in d;
}

// ---------------------------------------------------------------- value checks

/** One validateattributes attribute: its test, MATLAB's id suffix and the text after "Expected input to be". */
interface Attribute {
  readonly ok: (x: number) => boolean;
  readonly id: string;
  readonly text: string;
}

const positive: Attribute = { ok: (x) => x > 0, id: 'expectedPositive', text: 'positive' };
const integer: Attribute = { ok: (x) => Number.isInteger(x), id: 'expectedInteger', text: 'integer-valued' };
const nonnegative: Attribute = { ok: (x) => x >= 0, id: 'expectedNonnegative', text: 'nonnegative' };
const finite: Attribute = { ok: (x) => Number.isFinite(x), id: 'expectedFinite', text: 'finite' };
const nonNaN: Attribute = { ok: (x) => !Number.isNaN(x), id: 'expectedNonNaN', text: 'non-NaN' };
const atLeast = (b: number): Attribute => ({ ok: (x) => x >= b, id: 'notGreaterEqual', text: `an array with all of the values >= ${b}` });
const atMost = (b: number): Attribute => ({ ok: (x) => x <= b, id: 'notLessEqual', text: `an array with all of the values <= ${b}` });
const below = (b: number): Attribute => ({ ok: (x) => x < b, id: 'notLess', text: `an array with all of the values < ${b}` });
const above = (b: number): Attribute => ({ ok: (x) => x > b, id: 'notGreater', text: `an array with all of the values > ${b}` });

const NUMERIC_TYPES = 'double, single, uint8, uint16, uint32, uint64, int8, int16, int32, int64';

function invalid(name: string, id: string, expected: string): never {
  return matlabError(`${FN}:${id}`, `The value of '${name}' is invalid. ${expected}`);
}

/** A numeric scalar option checked attribute by attribute, in MATLAB's order. */
function numeric(...attributes: Attribute[]) {
  return (value: unknown, name: string): number => {
    const x = scalarOf(value, name, false);
    for (const a of attributes) {
      if (!a.ok(x)) invalid(name, a.id, `Expected input to be ${a.text}.`);
    }
    return x;
  };
}

const positiveInteger = numeric(integer, positive);
const decayFactor = numeric(finite, atLeast(0), below(1));

/** Logical options accept true/false and the numbers 1/0 ({'logical','numeric'}, 'binary'). */
function logicalScalar(value: unknown, name: string): boolean {
  const x = scalarOf(value, name, true);
  if (x !== 0 && x !== 1) invalid(name, 'expectedBinary', 'Expected input to be binary.');
  return x === 1;
}

/**
 * A number from a JS number, a 1-element array or a 1-element MArray-like
 * (anything with valueOf(): number). Wrong types and sizes fail like validateattributes.
 */
function scalarOf(value: unknown, name: string, logicalAllowed: boolean): number {
  const typeError = (): never => invalid(name, 'invalidType',
    `Expected input to be one of these types:\n\n${logicalAllowed ? 'logical, ' : ''}${NUMERIC_TYPES}\n\nInstead its type was ${matlabClassOf(value)}.`);
  const scalarError = (): never => invalid(name, 'expectedScalar', 'Expected input to be a scalar.');
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return logicalAllowed ? Number(value) : typeError();
  if (value === null || value === undefined) return scalarError(); // MATLAB's [] is an empty double
  if (Array.isArray(value)) {
    if (value.length === 1) return scalarOf(value[0], name, logicalAllowed);
    return value.every((v) => typeof v === 'number') ? scalarError() : typeError();
  }
  if (typeof value !== 'object') return typeError();
  if ((value as { cls?: unknown }).cls === 'logical' && !logicalAllowed) return typeError();
  const count = numelOf(value);
  if (count !== undefined && count !== 1) return scalarError();
  let x: unknown;
  try {
    x = value.valueOf();
  } catch {
    return scalarError(); // MArray.valueOf throws for non-scalars
  }
  return typeof x === 'number' ? x : typeError();
}

function numelOf(value: object): number | undefined {
  const numel = (value as { numel?: unknown }).numel;
  if (typeof numel === 'number') return numel;
  if (typeof numel === 'function') {
    const n: unknown = numel.call(value);
    if (typeof n === 'number') return n;
  }
  return undefined;
}

/** The class name MATLAB would report for a value of this kind. */
function matlabClassOf(value: unknown): string {
  if (typeof value === 'string') return 'char';
  if (typeof value === 'number') return 'double';
  if (typeof value === 'boolean') return 'logical';
  if (typeof value === 'function') return 'function_handle';
  if (Array.isArray(value)) return 'cell';
  if (typeof value === 'object' && value !== null) {
    const cls = (value as { cls?: unknown }).cls;
    if (typeof cls === 'string') return cls;
    const ctor = value.constructor?.name;
    return ctor && ctor !== 'Object' ? ctor : 'struct';
  }
  return typeof value;
}

/** validatestring inside inputParser: MATLAB prefixes the option name to the usual message. */
function choice(values: readonly string[]) {
  return (value: unknown, name: string): string => {
    try {
      return matchString(FN, 'input', value, values);
    } catch (err) {
      if (!(err instanceof MatlabError)) throw err;
      return matlabError(err.identifier, `The value of '${name}' is invalid. ${err.message}`);
    }
  };
}

function validationPatience(value: unknown, name: string): number {
  const x = scalarOf(value, name, false);
  if (x === Infinity || (Number.isInteger(x) && x > 0)) return x;
  return invalid(name, 'invalidValidationPatience', 'Value must be a positive integer or Inf.');
}

function validationData(value: unknown, name: string): ValidationDataValue | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  if (isDatastoreLike(value)) {
    // An imageDatastore made without a LabelSource has no labels to validate against.
    if ('Files' in value && 'Labels' in value && isEmptyCollection(value.Labels)) {
      invalid(name, 'datastoreHasNoLabels', 'The datastore has no labels. Specify validation data with labels or responses.');
    }
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length !== 2) {
      invalid(name, 'cellArrayNeedsTwoEntries', `A cell array of validation data must have two entries {X, Y}, predictors and responses; it has ${value.length}.`);
    }
    return value as unknown as ValidationPair;
  }
  return invalid(name, 'invalidValidationDataType',
    `Validation data must be a datastore with labels or a cell array {X, Y} of predictors and responses. Instead its type was ${matlabClassOf(value)}.`);
}

function isDatastoreLike(v: unknown): v is ValidationDatastoreLike {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return ('Files' in v && 'Labels' in v) || typeof (v as { read?: unknown }).read === 'function';
}

function isEmptyCollection(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    const n = numelOf(v) ?? (v as { length?: unknown }).length;
    return n === 0;
  }
  return false;
}

function outputFcn(value: unknown, name: string): OutputFcn | readonly OutputFcn[] | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  if (typeof value === 'function') return value as OutputFcn;
  if (Array.isArray(value) && value.every((f) => typeof f === 'function')) return [...value] as OutputFcn[];
  return invalid(name, 'invalidOutputFcn', 'Value must be a function handle or a cell array of function handles.');
}

/** MATLAB accepts '' (no checkpoints) or an existing folder it can write to. */
function checkpointPath(value: unknown, name: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string' && isWritableFolder(value)) return value;
  return invalid(name, 'invalidCheckpointPath',
    `Value must be '' or the path of an existing folder with write access${typeof value === 'string' ? `: '${value}' is not` : ''}.`);
}

function isWritableFolder(path: string): boolean {
  try {
    if (!statSync(path).isDirectory()) return false;
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  Momentum: { default: 0.9, check: numeric(finite, atLeast(0), atMost(1)) },
  GradientDecayFactor: { default: 0.9, check: decayFactor },
  SquaredGradientDecayFactor: { default: { adam: 0.999, rmsprop: 0.9 }, check: decayFactor },
  Epsilon: { default: 1e-8, check: numeric(finite, above(0)) },
  InitialLearnRate: { default: { sgdm: 0.01, adam: 0.001, rmsprop: 0.001 }, check: numeric(finite, positive) },
  LearnRateSchedule: { default: 'none', check: choice(['none', 'piecewise']) },
  LearnRateDropFactor: { default: 0.1, check: numeric(finite, atLeast(0), atMost(1)) },
  LearnRateDropPeriod: { default: 10, check: positiveInteger },
  L2Regularization: { default: 1e-4, check: numeric(finite, nonnegative) },
  GradientThresholdMethod: { default: 'l2norm', check: choice(['global-l2norm', 'l2norm', 'absolute-value']) },
  GradientThreshold: { default: Infinity, check: numeric(nonnegative, nonNaN) },
  MaxEpochs: { default: 30, check: positiveInteger },
  MiniBatchSize: { default: 128, check: positiveInteger },
  Verbose: { default: true, check: logicalScalar },
  VerboseFrequency: { default: 50, check: positiveInteger },
  ValidationData: { default: null, check: validationData },
  ValidationFrequency: { default: 50, check: positiveInteger },
  ValidationPatience: { default: Infinity, check: validationPatience },
  Shuffle: { default: 'once', check: choice(['never', 'once', 'every-epoch']) },
  CheckpointPath: { default: '', check: checkpointPath },
  CheckpointFrequency: { default: 1, check: positiveInteger },
  CheckpointFrequencyUnit: { default: 'epoch', check: choice(['epoch', 'iteration']) },
  ExecutionEnvironment: { default: 'auto', check: choice(['auto', 'gpu', 'cpu', 'multi-gpu', 'parallel']) },
  OutputFcn: { default: null, check: outputFcn },
  Plots: { default: 'none', check: choice(['training-progress', 'none']) },
  ResetInputNormalization: { default: true, check: logicalScalar },
  BatchNormalizationStatistics: { default: 'population', check: choice(['population', 'moving']) },
  OutputNetwork: { default: 'last-iteration', check: choice(['last-iteration', 'best-validation-loss']) },
};

// ---------------------------------------------------------------- name-value parsing

/**
 * Names resolve against this solver's options only (so 'Mom' is no prefix
 * for adam). A name that belongs to another solver gets a message saying so.
 */
function parseForSolver(solver: SolverName, nameValues: readonly unknown[]): Map<string, unknown> {
  try {
    return parseNameValues(FN, nameValues, propertyNames(solver));
  } catch (err) {
    if (err instanceof MatlabError && err.identifier === `${FN}:unrecognizedParameter`) {
      rejectOtherSolverOption(solver, nameValues);
    }
    throw err;
  }
}

function rejectOtherSolverOption(solver: SolverName, nameValues: readonly unknown[]): void {
  const own = propertyNames(solver);
  const foreign = Object.keys(OPTIONS).filter((n) => !own.includes(n));
  for (let i = 0; i < nameValues.length; i += 2) {
    if (resolveName(nameValues[i], own) !== undefined) continue;
    const name = resolveName(nameValues[i], foreign);
    if (name === undefined) return;
    const owners = SOLVER_NAMES.filter((s) => SOLVER_OPTIONS[s].includes(name)).map((s) => `'${s}'`);
    matlabError(`${FN}:invalidOptionForSolver`,
      `'${name}' is not a valid option for solver '${solver}'. It is an option for ${owners.join(' and ')} only.`);
  }
}

function resolveName(given: unknown, names: readonly string[]): string | undefined {
  try {
    return [...parseNameValues(FN, [given, undefined], names).keys()][0];
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- display

/** One property value as MATLAB shows it in an object display. */
function displayValue(v: unknown): string {
  if (typeof v === 'number') return formatShort(v);
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'string') return `'${v}'`;
  if (v === null || v === undefined) return '[]';
  if (typeof v === 'function') return `@${v.name || 'anonymous'}`;
  if (Array.isArray(v)) {
    if (v.length === 2 && typeof v[0] !== 'function') return `{${describe(v[0])}  ${describe(v[1])}}`;
    return `{1×${v.length} cell}`;
  }
  return `[1×1 ${datastoreClassName(v)}]`;
}

/** MATLAB's format short for a scalar double (the runtime's one implementation). */
export const formatShort = shortScalarText;

/** Size and class of a cell element, e.g. '28×28×1×500 double' or '500×1 categorical'. */
function describe(v: unknown): string {
  if (typeof v === 'object' && v !== null) {
    const { dims, cls, codes } = v as { dims?: unknown; cls?: unknown; codes?: unknown };
    if (Array.isArray(dims) && typeof cls === 'string') return `${dims.join('×')} ${cls}`;
    if (codes !== undefined && typeof (codes as { length?: unknown }).length === 'number') {
      return `${(codes as { length: number }).length}×1 categorical`;
    }
    if (Array.isArray(v)) return `1×${v.length} cell`;
  }
  if (typeof v === 'number') return '1×1 double';
  if (typeof v === 'string') return `1×${v.length} char`;
  return `1×1 ${matlabClassOf(v)}`;
}

function datastoreClassName(v: object): string {
  const ctor = v.constructor?.name ?? '';
  if (ctor === 'ImageDatastore') return 'matlab.io.datastore.ImageDatastore';
  if (ctor === 'AugmentedImageDatastore') return 'augmentedImageDatastore';
  return ctor && ctor !== 'Object' ? ctor : 'struct';
}
