/**
 * The photos the synthetic road signs are composed onto: downscaled crops of
 * scikit-image's CC0 / public-domain sample images, committed beside this
 * module (backgrounds/*.jpg, made by scripts/make-panneaux-backgrounds.ts)
 * so that generation needs nothing from the system at run time.
 */
import { fileURLToPath } from 'node:url';

export interface Background {
  /** File in backgrounds/. */
  file: string;
  /** Its width and height in pixels (checked against the file by tests/panneaux.test.ts). */
  size: [number, number];
  /** The scikit-image sample it is cropped from, and the crop [left, top, width, height]. */
  source: string;
  sourceCrop: [number, number, number, number];
  /** Longest side of the committed crop. */
  maxSide: number;
  /** Stored as one channel; each use tints it with `tint` (RGB gains) jittered. */
  gray: boolean;
  tint: [number, number, number];
  /** Licence as scikit-image states it. */
  licence: string;
}

export const BACKGROUND_DIR = fileURLToPath(new URL('./backgrounds/', import.meta.url));

export const BACKGROUNDS: readonly Background[] = [
  { file: 'rocket.jpg', size: [512, 342], source: 'rocket.jpg', sourceCrop: [0, 0, 640, 427], maxSide: 512, gray: false, tint: [1, 1, 1],
    licence: 'public domain (SpaceX, DSCOVR launch photo)' },
  { file: 'camera.jpg', size: [512, 512], source: 'camera.png', sourceCrop: [0, 0, 512, 512], maxSide: 512, gray: true, tint: [0.95, 1, 1.05],
    licence: 'CC0 (photographer Lav Varshney)' },
  { file: 'grass.jpg', size: [512, 512], source: 'grass.png', sourceCrop: [0, 0, 512, 512], maxSide: 512, gray: true, tint: [0.72, 0.95, 0.5],
    licence: 'CC0 (linolafett, DeviantArt "Grass 01")' },
  { file: 'brick.jpg', size: [512, 512], source: 'brick.png', sourceCrop: [0, 0, 512, 512], maxSide: 512, gray: true, tint: [1.05, 0.78, 0.66],
    licence: 'CC0 (CC0Textures "Bricks25")' },
  { file: 'gravel.jpg', size: [512, 512], source: 'gravel.png', sourceCrop: [0, 0, 512, 512], maxSide: 512, gray: true, tint: [0.95, 0.92, 0.86],
    licence: 'CC0 (CC0Textures "Gravel04")' },
  { file: 'coffee.jpg', size: [512, 341], source: 'coffee.png', sourceCrop: [0, 0, 600, 400], maxSide: 512, gray: false, tint: [1, 1, 1],
    licence: 'CC0 (photographer Rachel Michetti)' },
  { file: 'chelsea.jpg', size: [451, 300], source: 'chelsea.png', sourceCrop: [0, 0, 451, 300], maxSide: 512, gray: false, tint: [1, 1, 1],
    licence: 'CC0 (photographer Stefan van der Walt)' },
  { file: 'astronaut.jpg', size: [512, 512], source: 'astronaut.png', sourceCrop: [0, 0, 512, 512], maxSide: 512, gray: false, tint: [1, 1, 1],
    licence: 'public domain (NASA, portrait of Eileen Collins)' },
];
