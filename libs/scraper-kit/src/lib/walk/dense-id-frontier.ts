/**
 * The checkpoint of a walk over a dense integer id space (Hacker News items: every id from 1 to
 * `maxitem` is an item or a known hole), fetched out of order by concurrent requests: the highest id
 * at or below which every id is resolved (stored, or known not to exist). Ids above it may be
 * resolved already; the checkpoint never passes one that is not, so a restart from it loses nothing.
 */
export class DenseIdFrontier {
  private frontier: number;
  /** resolved ids above the frontier, waiting for the ids before them */
  private readonly ahead = new Set<number>();

  /** `checkpoint`: every id at or below it is resolved already (0 before the first id). */
  constructor(checkpoint: number) {
    if (!Number.isSafeInteger(checkpoint) || checkpoint < 0) throw new RangeError(`DenseIdFrontier: checkpoint must be a whole number >= 0 (got ${checkpoint})`);
    this.frontier = checkpoint;
  }

  /** The highest id at or below which every id is resolved. */
  get checkpoint(): number {
    return this.frontier;
  }

  /** Resolved ids above the checkpoint (each waits for an id before it). */
  get waiting(): number {
    return this.ahead.size;
  }

  /** `id` is stored or known absent; returns the checkpoint, moved past every id now contiguous. */
  resolve(id: number): number {
    if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`DenseIdFrontier: id must be a whole number >= 1 (got ${id})`);
    if (id <= this.frontier) return this.frontier;
    this.ahead.add(id);
    while (this.ahead.delete(this.frontier + 1)) this.frontier += 1;
    return this.frontier;
  }

  /** `ids`, as {@link resolve} one by one. */
  resolveAll(ids: Iterable<number>): number {
    for (const id of ids) this.resolve(id);
    return this.frontier;
  }
}
