/** How often a submission's engagement is re-read, by its age: young posts change fastest. */
export interface CadenceStep {
  /** applies to submissions younger than this */
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

/** The refresh interval for a submission of this age. */
export function refreshEvery(ageMs: number, cadence: readonly CadenceStep[] = DEFAULT_CADENCE): number {
  return (cadence.find((step) => ageMs < step.maxAgeMs) ?? cadence[cadence.length - 1] ?? { everyMs: HOUR }).everyMs;
}

/** A recent submission and when its engagement was last read (null: not since this process started). */
export interface TrackedSubmission {
  readonly id: string;
  readonly createdUtc: Date;
  readonly lastCheckedAt: Date | null;
}

/**
 * The submissions due for a refresh now, oldest check first, at most `limit`. A submission never
 * checked by this process is due once its first interval has passed since creation.
 */
export function dueForRefresh(
  tracked: readonly TrackedSubmission[],
  now: Date,
  options: { maxAgeMs: number; limit: number; cadence?: readonly CadenceStep[] },
): TrackedSubmission[] {
  const due = tracked.filter((t) => {
    const age = now.getTime() - t.createdUtc.getTime();
    if (age >= options.maxAgeMs) return false;
    const last = (t.lastCheckedAt ?? t.createdUtc).getTime();
    return now.getTime() - last >= refreshEvery(age, options.cadence);
  });
  due.sort((a, b) => (a.lastCheckedAt?.getTime() ?? 0) - (b.lastCheckedAt?.getTime() ?? 0));
  return due.slice(0, options.limit);
}
