/** How often an item's engagement is re-read, by its age: young items change fastest. */
export interface CadenceStep {
  /** applies to items younger than this */
  readonly maxAgeMs: number;
  readonly everyMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Default cadence: every 5 min in the first hour, 15 min to 6 h, hourly to 24 h, then every 3 h. */
export const DEFAULT_CADENCE: readonly CadenceStep[] = Object.freeze([
  { maxAgeMs: 1 * HOUR, everyMs: 5 * MINUTE },
  { maxAgeMs: 6 * HOUR, everyMs: 15 * MINUTE },
  { maxAgeMs: 24 * HOUR, everyMs: 1 * HOUR },
  { maxAgeMs: Number.POSITIVE_INFINITY, everyMs: 3 * HOUR },
]);

/** The refresh interval for an item of this age. */
export function refreshEvery(ageMs: number, cadence: readonly CadenceStep[] = DEFAULT_CADENCE): number {
  return (cadence.find((step) => ageMs < step.maxAgeMs) ?? cadence[cadence.length - 1] ?? { everyMs: HOUR }).everyMs;
}

/** A recent item and when its engagement was last read (null: not known to have been read: not by this process, nor by a round it restored). */
export interface TrackedItem<Id = string> {
  readonly id: Id;
  readonly createdAt: Date;
  readonly lastCheckedAt: Date | null;
}

/** Which items to follow and how often. */
export interface RefreshCadenceOptions {
  /** items this old or older are no longer refreshed */
  readonly maxAgeMs: number;
  readonly cadence?: readonly CadenceStep[];
}

/**
 * When an item next becomes due (ms since the epoch), or null when it reaches the maximum age first:
 * the first instant at which the time since its last check (or its creation, if never checked) is
 * at least the interval of its age then. For the wake-up time of a refresh task.
 */
export function nextRefreshAt(item: Omit<TrackedItem<unknown>, 'id'>, options: RefreshCadenceOptions): number | null {
  const created = item.createdAt.getTime();
  const last = (item.lastCheckedAt ?? item.createdAt).getTime();
  const cadence = options.cadence ?? DEFAULT_CADENCE;
  let stepStart = 0;
  for (const [i, step] of cadence.entries()) {
    const at = Math.max(last + step.everyMs, created + stepStart);
    // past the last step, its interval still applies (as in refreshEvery)
    if (at - created < step.maxAgeMs || i === cadence.length - 1) return at - created < options.maxAgeMs ? at : null;
    stepStart = step.maxAgeMs;
  }
  return null;
}

/** The items due for a refresh now, oldest check first, at most `limit`. */
export function dueForRefresh<T extends TrackedItem<unknown>>(
  tracked: readonly T[],
  now: Date,
  options: RefreshCadenceOptions & { readonly limit: number },
): T[] {
  const due = tracked.filter((t) => {
    const age = now.getTime() - t.createdAt.getTime();
    if (age >= options.maxAgeMs) return false;
    const last = (t.lastCheckedAt ?? t.createdAt).getTime();
    return now.getTime() - last >= refreshEvery(age, options.cadence);
  });
  due.sort((a, b) => (a.lastCheckedAt?.getTime() ?? 0) - (b.lastCheckedAt?.getTime() ?? 0));
  return due.slice(0, options.limit);
}
