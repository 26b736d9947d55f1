export { exportONNXNetwork } from './exportONNX.ts';
