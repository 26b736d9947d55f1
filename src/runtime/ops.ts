/** MATLAB's array functions in one place (element-wise, reductions, sorting, shapes, matrix builders). */
export * from './elementwise.ts';
export * from './reductions.ts';
export * from './shape.ts';
export * from './statistics.ts';
export * from './sortFind.ts';
export * from './matrices.ts';
export { toMArray, type Numeric } from './operand.ts';
