import type { BurstSpec } from './fake-hn.types';
import { exponential, mulberry32, type Random } from './prng';

/** Salts of the two arrival streams. */
const REGULAR_STREAM = 0x5eed0001;
const BURST_STREAM = 0x5eed0002;

/**
 * When new ids arrive: a Poisson process at `itemsPerMinute`, plus seeded bursts (a Poisson
 * process of burst starts, each `size` arrivals spread evenly over `spreadSeconds`), plus bursts
 * added by hand. Arrivals come out in time order, so ids grow with time. Taking them in many
 * small steps or in one jump gives the same instants.
 */
export class ArrivalTimeline {
  private readonly regular: Random;
  private readonly burstStarts: Random;
  private nextRegularMs: number;
  private nextBurstMs: number;
  /** burst arrivals not taken yet, sorted, from `head` on */
  private pending: number[] = [];
  private head = 0;

  constructor(
    private readonly options: {
      readonly seed: number;
      readonly startAt: number;
      readonly itemsPerMinute: number;
      readonly bursts: BurstSpec | false;
    },
  ) {
    this.regular = mulberry32(options.seed ^ REGULAR_STREAM);
    this.burstStarts = mulberry32(options.seed ^ BURST_STREAM);
    this.nextRegularMs = options.startAt + this.regularGap();
    this.nextBurstMs = options.startAt + this.burstGap();
  }

  /** The instant of the next arrival, without taking it; `Infinity` when none will come. */
  peek(): number {
    for (;;) {
      const next = Math.min(this.nextRegularMs, this.pending[this.head] ?? Infinity);
      if (this.nextBurstMs > next || this.nextBurstMs === Infinity) return next;
      this.expandSeededBurst();
    }
  }

  /** Takes the next arrival and returns its instant. */
  take(): number {
    const next = this.peek();
    if (next === this.pending[this.head]) {
      this.head++;
      if (this.head > 4096 && this.head * 2 > this.pending.length) {
        this.pending = this.pending.slice(this.head);
        this.head = 0;
      }
    } else {
      this.nextRegularMs += this.regularGap();
    }
    return next;
  }

  /** Adds `count` arrivals spread evenly over (`fromMs`, `toMs`]. */
  addBurst(count: number, fromMs: number, toMs: number): void {
    const added = Array.from({ length: count }, (_, i) => fromMs + ((toMs - fromMs) * (i + 1)) / count);
    const rest = this.pending.slice(this.head);
    const merged: number[] = [];
    let a = 0;
    let b = 0;
    // a stable merge: earlier bursts go first on equal instants
    while (a < rest.length || b < added.length) {
      const left = rest[a] ?? Infinity;
      const right = added[b] ?? Infinity;
      if (left <= right) {
        merged.push(left);
        a++;
      } else {
        merged.push(right);
        b++;
      }
    }
    this.pending = merged;
    this.head = 0;
  }

  private expandSeededBurst(): void {
    const bursts = this.options.bursts;
    if (bursts === false) return;
    const start = this.nextBurstMs;
    this.nextBurstMs = start + this.burstGap();
    if (bursts.size > 0) this.addBurst(bursts.size, start, start + bursts.spreadSeconds * 1000);
  }

  private regularGap(): number {
    const rate = this.options.itemsPerMinute;
    return rate > 0 ? exponential(this.regular(), 60_000 / rate) : Infinity;
  }

  private burstGap(): number {
    const bursts = this.options.bursts;
    return bursts === false || bursts.everyMinutes <= 0 ? Infinity : exponential(this.burstStarts(), bursts.everyMinutes * 60_000);
  }
}
