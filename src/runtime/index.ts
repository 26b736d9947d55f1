/** The MATLAB array runtime: everything toolbox scripts and library code use. */
export * from './errors.ts';
export * from './args.ts';
export * from './marray.ts';
export * from './cell.ts';
export * from './categorical.ts';
export * from './table.ts';
export * from './random.ts';
export { MT19937 } from './mt19937.ts';
export { normalizeDims, prodDims, sameDims, parseSizeArgs } from './dims.ts';
export * from './ops.ts';
export * from './format.ts';
export * from './display.ts';
export { captureOutput, setWriter, writeOut, type Writer } from './output.ts';
export { propertiesBody, formatInline, renderValue, tableBody, type MatlabDisplayable, type Rendered } from './render.ts';
export * from './outputs.ts';
export { end, EndIndex } from './subscripts.ts';
