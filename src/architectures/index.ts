/** MATLAB's pretrained-network functions; with 'Weights','none' they return the untrained architecture. */
export { alexnet } from './alexnet.ts';
export { vgg16, vgg19 } from './vgg.ts';
export { googlenet } from './googlenet.ts';
export { resnet50 } from './resnet50.ts';
export { squeezenet } from './squeezenet.ts';
