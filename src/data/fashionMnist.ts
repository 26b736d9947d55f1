/**
 * Fashion-MNIST (Zalando, MIT licence) as course folders: a small subset of
 * the Debian package dataset-fashion-mnist written as
 * `FashionMNIST/train/<class>/*.png` (the first n images of each class of the
 * training file) and `FashionMNIST/valid/<class>/*.png` (the first m of each
 * class of the t10k file), the layout `dltb data` writes for MNIST. It is the
 * new task of toolbox/transfert_mnist.ts: same 28×28 grayscale centred
 * objects as MNIST, different classes.
 */
import { existsSync } from 'node:fs';
import { matlabError } from '../runtime/errors.ts';
import { findIdxPair, type IdxPair } from './idx.ts';
import { publishTree, idxImages, checkPositiveInteger, type WriteOptions, type PrepareResult } from './mnistFolders.ts';
import type { LabelledImage } from './labelledPngTree.ts';

/** Where Debian's dataset-fashion-mnist installs the four IDX files. */
export const DEBIAN_FASHION_MNIST = '/usr/share/datasets/fashion-mnist';

/** Environment variable that points at another folder holding the four IDX files. */
export const FASHION_MNIST_ENV = 'DLTB_FASHION_MNIST';

/** Zalando's class names (label 0…9), made folder-safe ('T-shirt/top' → 'T-shirt_top'). */
export const FASHION_MNIST_CLASSES: readonly string[] = [
  'T-shirt_top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle_boot',
];

export interface FashionMnistOptions extends WriteOptions {
  /** Folder holding the IDX files (default $DLTB_FASHION_MNIST, else the Debian folder). */
  source?: string;
  /** Images of each class in train/ (default 100), from the training file. */
  trainPerClass?: number;
  /** Images of each class in valid/ (default 200), from the t10k file. */
  validPerClass?: number;
}

const FN = 'prepareFashionMnist';

function sourcePairs(dir: string): { train: IdxPair; t10k: IdxPair } {
  const train = existsSync(dir) ? findIdxPair(dir, 'train') : undefined;
  const t10k = existsSync(dir) ? findIdxPair(dir, 't10k') : undefined;
  if (!train || !t10k) {
    matlabError(`${FN}:datasetNotFound`,
      `Unable to find the Fashion-MNIST files (train-images-idx3-ubyte.gz, t10k-images-idx3-ubyte.gz and their labels) in '${dir}'.\n`
      + `Install them with 'sudo apt-get install dataset-fashion-mnist', or set ${FASHION_MNIST_ENV} to a folder that holds them.`);
  }
  return { train, t10k };
}

/** The first `perClass` images of each class, in file order. */
function firstOfEachClass(images: LabelledImage[], perClass: number, file: string): LabelledImage[] {
  const taken = Array(FASHION_MNIST_CLASSES.length).fill(0);
  const kept: LabelledImage[] = [];
  for (const im of images) {
    if (im.label >= taken.length) matlabError(`${FN}:badLabel`, `'${file}' holds label ${im.label}; Fashion-MNIST labels are 0 to 9.`);
    if (taken[im.label] < perClass) {
      taken[im.label]++;
      kept.push(im);
    }
  }
  const short = taken.findIndex((n) => n < perClass);
  if (short >= 0) {
    matlabError(`${FN}:notEnoughImages`,
      `'${file}' holds only ${taken[short]} images of class ${FASHION_MNIST_CLASSES[short]}; ${perClass} were asked for.`);
  }
  return kept;
}

/** Write the Fashion-MNIST subset into `outDir` (default 'FashionMNIST'), atomically; a complete identical tree is kept. */
export async function prepareFashionMnist(outDir = 'FashionMNIST', opts: FashionMnistOptions = {}): Promise<PrepareResult> {
  const trainPerClass = opts.trainPerClass ?? 100;
  const validPerClass = opts.validPerClass ?? 200;
  checkPositiveInteger(FN, 'trainPerClass', trainPerClass);
  checkPositiveInteger(FN, 'validPerClass', validPerClass);
  const dir = opts.source ?? process.env[FASHION_MNIST_ENV] ?? DEBIAN_FASHION_MNIST;
  const { train, t10k } = sourcePairs(dir);
  const source = `Fashion-MNIST IDX files in ${dir} (first ${trainPerClass} per class of train → train/, first ${validPerClass} per class of t10k → valid/)`;
  return publishTree(FN, outDir, source, opts, async () => {
    const [trainImages, validImages] = await Promise.all([idxImages(train, 'train', undefined), idxImages(t10k, 'valid', undefined)]);
    return [...firstOfEachClass(trainImages, trainPerClass, train.images), ...firstOfEachClass(validImages, validPerClass, t10k.images)];
  }, FASHION_MNIST_CLASSES);
}
