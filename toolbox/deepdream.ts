// deepdream.ts — line-for-line twin of deepdream.m (course, chapter 7, "visualisation (deep dreaming)"):
// the image that most activates AlexNet's class 488 (cellular telephone), by deepDreamImage.
// Needs pretrained AlexNet installed (see README, "Pretrained networks"); run it with
// `npx dltb run toolbox/deepdream.ts`: it writes the dream as a .jpg in the current folder and the figure to ./figures/.
import {
  close, clc, alexnet, vgg16, display, deepDreamImage, sprintf, imwrite, figure, imshow, end, type SeriesNetwork,
} from '../src/index.ts';

// clear all — a script starts with no variables, nothing to clear
close('all');
clc();

const No: number = 1;
let net!: SeriesNetwork, netname!: string, layer!: number;
switch (No) {
    case 1:
        net = alexnet();
        netname = 'AlexNet';
        layer = 23;
        break;
    case 2:
        net = vgg16();
        netname = 'VGG16';
        layer = 39;
}
const ans = net.Layers; display({ ans });
// for i=1:length(net.Layers(end).ClassNames)
//     fprintf('%i - %s\n',i,net.Layers(end).ClassNames{i});
// end
// return
const levels = 2;
const channels = [488]; // cellular telephone
const iterations = 50;
const I = await deepDreamImage(net, layer, channels,
    'Verbose', true,
    'NumIterations', iterations,
    'PyramidLevels', levels);
const Classname = net.Layers.get(end).ClassNames[channels[0] - 1];

const name = sprintf('dreem_chl_%i_iter_%i_lvl_%i_%s', channels, iterations, levels, Classname);
await imwrite(I, name + '.jpg');
figure();
imshow(I);
void netname; // the .m assigns it and never uses it
