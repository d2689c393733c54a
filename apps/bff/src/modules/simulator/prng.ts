/**
 * Seeded randomness. Every draw is keyed by what it describes (seed, entity, stream, slot), never
 * by how many draws came before, so any time window regenerates exactly the same events however
 * the window is cut: backfills, live ticks and re-seeds all agree and dedupe by id.
 */

/** murmur3's 32-bit finaliser: a cheap avalanche so neighbouring keys give unrelated states. */
function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Folds any number of integers into one 32-bit key. Values above 2^32 keep their high part. */
export function hashInts(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const value of values) {
    const low = value >>> 0;
    const high = Math.floor(value / 0x1_0000_0000) >>> 0;
    h = fmix32(Math.imul(h ^ low, 0x01000193) + high);
  }
  return h;
}

/** FNV-1a over the string's UTF-16 units, finalised. Stable across runs and platforms. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return fmix32(h);
}

/** mulberry32: tiny, fast and good enough for simulated traffic. Reseedable to avoid allocation per slot. */
export class Rng {
  private state = 0;

  constructor(seed = 0) {
    this.reseed(seed);
  }

  reseed(seed: number): this {
    this.state = seed >>> 0;
    return this;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }

  /** Standard normal via Box–Muller (one value per call; the sibling is dropped for simplicity). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}
