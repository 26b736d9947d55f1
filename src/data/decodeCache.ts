/**
 * Decoded images kept for later epochs, in a few large slabs rather than one
 * small typed array per image: the bytes it reports are the bytes it holds
 * (per-image objects and map entries once added a quarter on top of the budget).
 */
import { totalmem } from 'node:os';

export type Pixels = Uint8Array | Uint16Array | Float32Array;
type PixelsCtor = Uint8ArrayConstructor | Uint16ArrayConstructor | Float32ArrayConstructor;

/** 1 GiB, but never more than a quarter of this machine's memory. */
export function defaultCacheBudget(): number {
  return Math.min(2 ** 30, Math.floor(totalmem() / 4));
}

/** Slabs are allocated as images arrive, this many bytes at most each. */
const SLAB_BYTES = 64 * 2 ** 20;

export class DecodeCache {
  /** Slot of each observation in the slabs, −1 when not cached. */
  private readonly slot: Int32Array;
  private readonly slabs: Pixels[] = [];
  private kind: PixelsCtor | undefined;
  private capacity = 0;
  private perSlab = 0;
  private used = 0;

  /** `count` observations of `perImage` samples each, at most `budgetBytes` in all. */
  constructor(count: number, private readonly perImage: number, private readonly budgetBytes: number) {
    this.slot = new Int32Array(count).fill(-1);
  }

  /** Bytes held: the slabs plus the slot index. */
  get bytes(): number {
    return this.slabs.reduce((s, b) => s + b.byteLength, this.slot.byteLength);
  }

  get(i: number): Pixels | undefined {
    const k = this.slot[i];
    if (k < 0) return undefined;
    const slab = this.slabs[Math.floor(k / this.perSlab)];
    const at = (k % this.perSlab) * this.perImage;
    return slab.subarray(at, at + this.perImage);
  }

  /** Keep a copy of `px` if it fits the budget (and the sample type of the first image kept). */
  put(i: number, px: Pixels): void {
    if (this.slot[i] >= 0 || px.length !== this.perImage) return;
    if (!this.kind) this.start(px.constructor as PixelsCtor);
    if (px.constructor !== this.kind || this.used >= this.capacity) return;
    const k = this.used++;
    const s = Math.floor(k / this.perSlab);
    if (s === this.slabs.length) {
      const images = Math.min(this.perSlab, this.capacity - s * this.perSlab);
      this.slabs.push(new this.kind!(images * this.perImage));
    }
    this.slabs[s].set(px, (k % this.perSlab) * this.perImage);
    this.slot[i] = k;
  }

  private start(kind: PixelsCtor): void {
    this.kind = kind;
    const imageBytes = this.perImage * kind.BYTES_PER_ELEMENT;
    this.capacity = Math.max(0, Math.floor((this.budgetBytes - this.slot.byteLength) / imageBytes));
    this.perSlab = Math.max(1, Math.floor(SLAB_BYTES / imageBytes));
  }
}
