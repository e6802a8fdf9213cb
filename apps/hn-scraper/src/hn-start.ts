import { DAY_MS, describeDurationMs, DURATION_FORMAT, parseDurationMs } from '@sentiment-ingest/runtime';

/** Where a first run of the id walk begins (`HN_START`): at an item id, or this long ago. */
export type HnStart = { readonly kind: 'id'; readonly id: number } | { readonly kind: 'age'; readonly ms: number };

/** What `HN_START` accepts, for error messages and --help. */
export const HN_START_FORMAT = `an item id (e.g. 42000000) or ${DURATION_FORMAT}`;

/** The longest look-back a duration may ask for: the API serves every item since 2006, but a first run of years is a backfill job. */
export const HN_START_MAX_AGE_MS = 366 * DAY_MS;

/**
 * Parses `HN_START`: a whole number is an item id (the walk starts there); a number with a unit
 * (`m`, `h`, `d`) is a duration (the walk starts at the first item created that long ago, found by
 * searching the id range). Returns null for anything else.
 */
export function parseHnStart(text: string): HnStart | null {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const id = Number(value);
    return Number.isSafeInteger(id) && id >= 1 ? { kind: 'id', id } : null;
  }
  const ms = parseDurationMs(value);
  return ms !== null && ms <= HN_START_MAX_AGE_MS ? { kind: 'age', ms } : null;
}

/** `HN_START` as a log field: `id 42000000` or `24h ago`. */
export function describeHnStart(start: HnStart): string {
  if (start.kind === 'id') return `id ${start.id}`;
  return `${describeDurationMs(start.ms)} ago`;
}
