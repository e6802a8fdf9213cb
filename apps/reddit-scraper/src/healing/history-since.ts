import { DAY_MS, describeDurationMs, DURATION_FORMAT, parseDurationMs } from '@sentiment-ingest/runtime';

/**
 * How far back a stream's first run wants its history (`REDDIT_HISTORY_SINCE`): from a fixed time,
 * or from this long before the first poll.
 */
export type HistorySince = { readonly kind: 'time'; readonly at: Date } | { readonly kind: 'age'; readonly ms: number };

/** What `REDDIT_HISTORY_SINCE` accepts, for error messages and --help. */
export const HISTORY_SINCE_FORMAT = `an ISO time (e.g. 2026-11-01T00:00:00Z) or ${DURATION_FORMAT}`;

/** The longest history a first run may ask of the live API; years of it are the archive importer's job. */
export const HISTORY_SINCE_MAX_AGE_MS = 366 * DAY_MS;

/** An ISO 8601 date, or date and time (with its zone, or UTC when none is given). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Parses `REDDIT_HISTORY_SINCE`; null for anything that is neither an ISO time nor a duration. */
export function parseHistorySince(text: string): HistorySince | null {
  const value = text.trim();
  if (ISO_TIME.test(value)) {
    const zoned = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value) || value.length === 10 ? value : `${value}Z`;
    const at = new Date(zoned.replace(' ', 'T'));
    return Number.isNaN(at.getTime()) ? null : { kind: 'time', at };
  }
  const ms = parseDurationMs(value);
  return ms !== null && ms <= HISTORY_SINCE_MAX_AGE_MS ? { kind: 'age', ms } : null;
}

/** The time a first run's history starts at, seen from `now`. */
export function historyStart(since: HistorySince, now: Date): Date {
  return since.kind === 'time' ? since.at : new Date(now.getTime() - since.ms);
}

/** `REDDIT_HISTORY_SINCE` as a log field: `since 2026-11-01T00:00:00.000Z` or `3h back`. */
export function describeHistorySince(since: HistorySince): string {
  return since.kind === 'time' ? `since ${since.at.toISOString()}` : `${describeDurationMs(since.ms)} back`;
}
