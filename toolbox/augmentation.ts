// augmentation.ts — line-for-line twin of augmentation.m (course): random
// reflections and stretches of the training images, served by an augmented datastore.
// Run it with `npx dltb run toolbox/augmentation.ts` in a folder holding ./MNIST (`npm run data`).
import { imageDatastore, pwd, length, randperm, subset, readimage, cat, display, type MArray } from '../src/index.ts';
import { imageDataAugmenter, augmentedImageSource } from '../src/augment/index.ts';

// The .m is a fragment: imageSize, ImgOrigine and LabelImgOrigine come from elsewhere in the course.
// Here: 20 random MNIST training digits stacked into a 28×28×1×20 array, with their labels.
const digitData = imageDatastore([pwd() + '\\MNIST\\train'], 'IncludeSubfolders', true, 'LabelSource', 'foldernames');
const digits = subset(digitData, randperm(length(digitData.Files), 20));
const images: MArray[] = [];
for (let i = 1; i <= 20; i++) images.push(await readimage(digits, i));
const ImgOrigine = cat(4, ...images);
const LabelImgOrigine = digits.Labels;
const imageSize = [28, 28, 1];

const augmenter = imageDataAugmenter(
'RandXReflection', true,
'RandXScale', [1, 2],
'RandYReflection', true,
'RandYScale', [1, 2]); display({ augmenter });

const source = augmentedImageSource(imageSize, ImgOrigine, LabelImgOrigine, 'DataAugmentation', augmenter); display({ source });
