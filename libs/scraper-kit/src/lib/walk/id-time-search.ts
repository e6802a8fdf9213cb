/** Options of {@link firstIdAtOrAfter}. */
export interface IdTimeSearch {
  /** the lowest id of the space (1 for Hacker News) */
  readonly low: number;
  /** the highest id that exists now (`maxitem`) */
  readonly high: number;
  /** the creation time of `id`, or null when it has none (a hole, a deleted item without time) */
  readonly timeOf: (id: number) => Promise<Date | null>;
  /** ids tried past a hole before giving up on that probe (default 50) */
  readonly holeScan?: number;
}

/**
 * Where a walk must start to read every item created at or after `at`, in an id space whose creation
 * times grow with the id (one site-wide counter): a binary search, about log2(high - low) lookups. A
 * probe that lands on an id without a time reads the next ids until one has a time; a longer run of
 * ids without one counts as "at or after", so that the search errs towards starting earlier (more
 * items, never fewer). Returns `high + 1` when even the newest id is older than `at`, and `low` when
 * the oldest is not.
 */
export async function firstIdAtOrAfter(at: Date, search: IdTimeSearch): Promise<number> {
  const target = at.getTime();
  let lo = search.low;
  let hi = search.high + 1; // the answer lies in [lo, hi]
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const probe = await timedAtOrAfter(mid, hi, search);
    if (probe !== null && probe.time < target) lo = probe.id + 1;
    else hi = mid;
  }
  return lo;
}

/** The first id from `id` up (below `limit`) that has a time, with that time; null when none within the scan. */
async function timedAtOrAfter(id: number, limit: number, search: IdTimeSearch): Promise<{ id: number; time: number } | null> {
  const last = Math.min(limit - 1, id + (search.holeScan ?? 50) - 1);
  for (let candidate = id; candidate <= last; candidate += 1) {
    const time = await search.timeOf(candidate);
    if (time !== null) return { id: candidate, time: time.getTime() };
  }
  return null;
}
