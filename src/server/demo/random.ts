import { formatV7 } from '../ids';

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same demo county —
 * the same names, ID numbers, codes and primary keys — on every machine and both engines.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Triangular distribution on [lo, hi] peaking at `mode`: ages that bunch in the middle. */
  triangular(lo: number, mode: number, hi: number): number {
    const u = this.next();
    const c = (mode - lo) / (hi - lo);
    return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  }

  /** Fill `out` with random bytes. */
  bytes(out: Uint8Array): Uint8Array {
    for (let i = 0; i < out.length; i += 4) {
      const v = this.nextUint32();
      for (let k = 0; k < 4 && i + k < out.length; k++) out[i + k] = (v >>> (8 * k)) & 0xff;
    }
    return out;
  }
}

/** Picks from a fixed list by weight in O(log n): surnames, household sizes. */
export class WeightedPicker<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    private readonly items: readonly T[],
    weights: readonly number[],
  ) {
    let sum = 0;
    for (const w of weights) {
      sum += w;
      this.cumulative.push(sum);
    }
    this.total = sum;
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * Split `total` into whole shares proportional to `weights`, each at least `min`, summing exactly to
 * `total` (largest remainder): 1,600 grids over 227 villages, households over grids.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const rest = total - min * weights.length;
  if (rest < 0) throw new Error(`cannot give ${weights.length} parts at least ${min} out of ${total}`);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (rest * w) / sum);
  const shares = exact.map((x) => Math.floor(x));
  let left = rest - shares.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) shares[byRemainder[k % byRemainder.length]![1]]! += 1;
  return shares.map((s) => s + min);
}

/**
 * Deterministic UUID v7 primary keys: a fixed base instant plus a counter (4,096 ids per
 * millisecond, in the 12-bit sequence field) and seeded random bits, so ids sort in creation order
 * like real ones and two builds from the same seed produce the same ids.
 */
export class DemoIds {
  private count = 0;
  private readonly rand = new Uint8Array(8);

  constructor(
    private readonly baseMs: number,
    private readonly rng: Rng,
  ) {}

  next(): string {
    const n = this.count++;
    return formatV7(this.baseMs + Math.floor(n / 4096), n % 4096, this.rng.bytes(this.rand));
  }
}

/** Time-ordered ids at given instants, like `uuidv7(clock.now())` in the services, but from a seed. */
export class TimedIds {
  private count = 0;
  private readonly rand = new Uint8Array(8);
  constructor(private readonly rng: Rng) {}
  at(ms: number | string): string {
    return formatV7(typeof ms === 'string' ? Date.parse(ms) : ms, this.count++ & 0xfff, this.rng.bytes(this.rand));
  }
}
