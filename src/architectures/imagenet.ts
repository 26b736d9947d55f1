/**
 * What the ImageNet architectures share: the 1,000 class names (shipped as
 * data/imagenetClasses.txt, line k = class k, read once), the
 * 'zerocenter' image input layer and the classification head's output layer.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { matlabError } from '../runtime/errors.ts';
import { imageInputLayer, type ImageInputLayer } from '../layers/imageInputLayer.ts';
import { classificationLayer, type ClassificationOutputLayer } from '../layers/outputLayers.ts';

let classes: string[] | null = null;

/** The ImageNet class names in MATLAB's order (a fresh copy each call). */
export function imagenetClassNames(): string[] {
  if (!classes) {
    const file = new URL('./data/imagenetClasses.txt', import.meta.url);
    const names = readFileSync(file, 'utf8').replace(/\r?\n$/, '').split(/\r?\n/);
    if (names.length !== 1000 || names.some((n) => n === '')) {
      matlabError('imagenet:corruptClassNames', `The ImageNet class list ${fileURLToPath(file)} is damaged: expected 1000 non-empty lines, found ${names.length}. Reinstall the toolbox.`);
    }
    classes = names;
  }
  return [...classes];
}

/** The networks' input: an H×W×3 image layer with MATLAB's default 'zerocenter' normalization (its Mean is computed by trainNetwork). */
export function imagenetInput(name: string, size: number): ImageInputLayer {
  return imageInputLayer([size, size, 3], 'Name', name, 'Normalization', 'zerocenter');
}

/** The output layer, its Classes the 1,000 ImageNet names. */
export function imagenetOutput(name: string): ClassificationOutputLayer {
  return classificationLayer('Name', name, 'Classes', imagenetClassNames());
}
