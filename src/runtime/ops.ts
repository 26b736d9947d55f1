/** MATLAB's array functions in one place (element-wise, reductions, shapes). */
export * from './elementwise.ts';
export * from './reductions.ts';
export * from './shape.ts';
export { toMArray, type Numeric } from './operand.ts';
