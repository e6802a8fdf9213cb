import { drawPostTraits, type PostTraits } from './post-traits';
import { exponential, hash32, randomFor, unitFor, type Random } from './prng';
import { firstIdNumber, toBase36 } from './reddit-ids';

/** A post as generated: immutable facts; its changing state is computed from them (post-state.ts). */
export interface GeneratedPost {
  readonly id: string;
  readonly idNumber: number;
  /** display name of its subreddit */
  readonly subreddit: string;
  readonly createdMs: number;
  /** float seconds; most are whole (`.0`), so many posts share one */
  readonly createdUtc: number;
  /** orders posts that share a `created_utc` in /new: deliberately not the id order */
  readonly tieKey: number;
  readonly traits: PostTraits;
}

/** What the generator needs to know of a subreddit. */
export interface StreamSpec {
  readonly name: string;
  readonly postsPerMinute: number;
}

/** Share of ids skipped (Reddit's ids have holes where private or removed posts were). */
export const ID_HOLE_RATE = 0.06;
/** Share of posts whose `created_utc` keeps milliseconds instead of ending in `.0`. */
export const FRACTIONAL_CREATED_RATE = 0.1;

interface Stream {
  readonly name: string;
  readonly meanGapMs: number;
  readonly random: Random;
  nextMs: number;
  count: number;
}

interface PendingPost {
  readonly subreddit: string;
  readonly createdMs: number;
  readonly traitsKey: string;
}

/**
 * The deterministic, lazy timeline of new posts: each subreddit is a Poisson process at its rate
 * with its own seeded stream; `advanceTo` creates every post due by then, in creation order, and
 * gives them global, increasing base36 ids with seeded holes. Advancing in many small steps or in
 * one jump yields the same posts.
 */
export class PostTimeline {
  private readonly streams: Stream[];
  private readonly pending: PendingPost[] = [];
  private nextIdNumber: number;
  private sequence = 0;
  private bursts = 0;

  constructor(private readonly options: { readonly seed: number; readonly startAt: number; readonly streams: readonly StreamSpec[] }) {
    this.nextIdNumber = firstIdNumber(options.seed);
    this.streams = options.streams.map((spec) => {
      const random = randomFor(options.seed, 'stream', spec.name.toLowerCase());
      const meanGapMs = spec.postsPerMinute > 0 ? 60_000 / spec.postsPerMinute : Infinity;
      return { name: spec.name, meanGapMs, random, nextMs: options.startAt + exponential(random, meanGapMs), count: 0 };
    });
  }

  /** Creates and returns the posts due by `nowMs` (creation instant <= now), in creation order. */
  advanceTo(nowMs: number): GeneratedPost[] {
    const created: GeneratedPost[] = [];
    for (;;) {
      const stream = this.earliestStream();
      const burst = this.pending[0];
      if (burst !== undefined && burst.createdMs <= nowMs && (stream === undefined || burst.createdMs <= stream.nextMs)) {
        this.pending.shift();
        created.push(this.create(burst));
      } else if (stream !== undefined && stream.nextMs <= nowMs) {
        const traitsKey = `post:${stream.name.toLowerCase()}:${stream.count++}`;
        created.push(this.create({ subreddit: stream.name, createdMs: stream.nextMs, traitsKey }));
        stream.nextMs += exponential(stream.random, stream.meanGapMs);
      } else {
        return created;
      }
    }
  }

  /**
   * Queues `count` posts spread evenly over the second that ends at `atMs`. A burst in the past
   * gets its ids when next advanced: newer ids than posts created after it, as late-approved posts do.
   */
  addBurst(subreddit: string, count: number, atMs: number): void {
    const burst = this.bursts++;
    for (let i = 0; i < count; i++) {
      const createdMs = atMs - 1000 + ((i + 1) * 1000) / count;
      this.pending.push({ subreddit, createdMs, traitsKey: `burst:${subreddit.toLowerCase()}:${burst}:${i}` });
    }
    // stable: a burst keeps its internal order, and earlier bursts go first on equal instants
    this.pending.sort((a, b) => a.createdMs - b.createdMs);
  }

  private earliestStream(): Stream | undefined {
    let earliest: Stream | undefined;
    for (const stream of this.streams) if (earliest === undefined || stream.nextMs < earliest.nextMs) earliest = stream;
    return earliest;
  }

  private create(post: PendingPost): GeneratedPost {
    const { seed } = this.options;
    const idNumber = this.nextIdNumber;
    const id = toBase36(idNumber);
    const hole = unitFor(seed, 'hole', this.sequence) < ID_HOLE_RATE ? 1 + Math.floor(unitFor(seed, 'hole-size', this.sequence) * 3) : 0;
    this.sequence++;
    this.nextIdNumber += 1 + hole;
    const fractional = unitFor(seed, 'fractional', post.traitsKey) < FRACTIONAL_CREATED_RATE;
    const createdUtc = fractional ? Math.floor(post.createdMs) / 1000 : Math.floor(post.createdMs / 1000);
    return {
      id,
      idNumber,
      subreddit: post.subreddit,
      createdMs: post.createdMs,
      createdUtc,
      tieKey: hash32(seed, 'tie', id),
      traits: drawPostTraits(randomFor(seed, post.traitsKey), id),
    };
  }
}
