import type { PhaseCost } from './phase-cost';

/** The phases of the write-path benchmark, in run order. */
export const PHASES = [
  { name: 'copy', label: 'COPY FROM STDIN (baseline)', target: null },
  { name: 'new', label: 'writer: new rows', target: 0.9 },
  // Re-observations of stored rows (knownStored): only the key, the re-observed columns and the time are sent.
  { name: 'unchanged', label: 'writer: unchanged re-observation', target: 1.5 },
  { name: 'changed', label: 'writer: changed engagement', target: 0.8 },
] as const;

/** A phase's name: `copy` is the baseline the others are compared with. */
export type PhaseName = (typeof PHASES)[number]['name'];

/** Whether a phase reached its target ratio. */
export type Verdict = 'PASS' | 'MISS';

/** One phase, summarised over its runs. */
export interface PhaseSummary {
  readonly name: PhaseName;
  readonly label: string;
  readonly runsMs: readonly number[];
  /** the fastest run */
  readonly bestMs: number;
  /** rows per second of the fastest run */
  readonly rowsPerSecond: number;
  /** rowsPerSecond ÷ the baseline's rowsPerSecond */
  readonly ratio: number;
  readonly target: number | null;
  readonly verdict: Verdict | null;
  /** what the fastest run cost besides its time (CPU, dead tuples); null when not measured */
  readonly cost: PhaseCost | null;
}

/** Rows per second of `rows` written in `ms`. */
export function rowsPerSecond(rows: number, ms: number): number {
  return ms > 0 ? (rows * 1000) / ms : Number.POSITIVE_INFINITY;
}

/** The fastest of the runs: on a shared machine other processes only ever add time. */
export function best(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('best of no values');
  return Math.min(...values);
}

/**
 * Summarises the timed runs of every phase against the baseline, fastest run of each (best-of-N:
 * background load only slows a run down, so the fastest run is the closest to the method's own
 * cost). Ratios are rounded to 2 decimals before the verdict, so a printed 0.75 never reads MISS.
 */
export function summarisePhases(
  rows: number,
  runsMs: Readonly<Record<PhaseName, readonly number[]>>,
  runsCost?: Readonly<Record<PhaseName, readonly PhaseCost[]>>,
): PhaseSummary[] {
  const baseline = rowsPerSecond(rows, best(runsMs.copy));
  return PHASES.map(({ name, label, target }) => {
    const bestMs = best(runsMs[name]);
    const rate = rowsPerSecond(rows, bestMs);
    const ratio = Math.round((rate / baseline) * 100) / 100;
    const verdict = target === null ? null : ratio >= target ? 'PASS' : 'MISS';
    const cost = runsCost?.[name]?.[runsMs[name].indexOf(bestMs)] ?? null;
    return { name, label, runsMs: runsMs[name], bestMs, rowsPerSecond: rate, ratio, target, verdict, cost };
  });
}
