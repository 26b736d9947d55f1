export { deepDreamImage } from './deepDreamImage.ts';
