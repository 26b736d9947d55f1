// activations_alexnet.ts — line-for-line twin of activations_alexnet.m (course, chapter 7, "visualisation (activation)"):
// the 256 channels of AlexNet's relu5 for one photo, as a montage.
// Needs pretrained AlexNet installed (see README, "Pretrained networks"); run it with
// `npx dltb run toolbox/activations_alexnet.ts`: the montage is written to ./figures/.
import { close, clc, alexnet, imread, imresize, activations, size, reshape, montage, mat2gray } from '../src/index.ts';

// Poisson.jpg is MATLAB course material and may not be redistributed: toolbox/Poisson.jpg links to
// scikit-image's chelsea.png (Chelsea the cat, CC0, from Debian's python3-skimage; see toolbox/images/Poisson_substitute.md).
const POISSON = new URL('./Poisson.jpg', import.meta.url).pathname;

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

const net = alexnet();
const inputSize = net.Layers.get(1).InputSize;

let img = await imread(POISSON);
img = imresize(img, inputSize.slice(0, 2));
let act1 = await activations(net, img, 'relu5', 'OutputAs', 'channels');

// Redimensionnement
const sz = size(act1);
act1 = reshape(act1, [sz.get(1), sz.get(2), 1, sz.get(3)]);
montage(mat2gray(act1));
