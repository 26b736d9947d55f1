/** Image augmentation under MATLAB's names. */
export { ImageDataAugmenter, imageDataAugmenter, augment, type RangeSpec } from './imageDataAugmenter.ts';
export { AugmentedImageDatastore, augmentedImageDatastore, augmentedImageSource } from './augmentedImageDatastore.ts';
