/**
 * load of a saved ImageDatastore: rebuilt exactly as saved (as MATLAB does),
 * never by listing folders again, so a workspace whose images have moved
 * still loads. A warning says so; reading a missing image is what fails.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ImageDatastore } from '../data/imageDatastore.ts';
import { matlabWarning } from '../runtime/warning.ts';
import { checkDatastoreState } from './loadChecks.ts';

/** Folders looked at for the warning: enough for any real datastore, bounded for a crafted one. */
const MAX_FOLDERS_CHECKED = 1000;

export function restoreImageDatastore(saved: unknown): ImageDatastore {
  checkDatastoreState(saved);
  warnIfMoved(saved.files);
  return ImageDatastore.fromSaved(saved);
}

function warnIfMoved(files: readonly string[]): void {
  const present = new Map<string, boolean>();
  let missing = 0;
  let first = '';
  for (const file of files) {
    const dir = path.dirname(file);
    let here = present.get(dir);
    if (here === undefined) {
      if (present.size >= MAX_FOLDERS_CHECKED) break;
      here = existsSync(dir);
      present.set(dir, here);
    }
    if (!here) {
      missing++;
      first ||= dir;
    }
  }
  if (missing === 0) return;
  matlabWarning('load:datastoreFilesMissing',
    `A loaded ImageDatastore refers to ${missing} of its ${files.length} images in folders that no longer exist (such as '${first}'). `
    + 'It is restored as saved; reading those images fails until they are back or ds.Files is changed.');
}
