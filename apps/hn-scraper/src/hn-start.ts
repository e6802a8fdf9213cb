/** Where a first run of the id walk begins (`HN_START`): at an item id, or this long ago. */
export type HnStart = { readonly kind: 'id'; readonly id: number } | { readonly kind: 'age'; readonly ms: number };

const UNIT_MS = Object.freeze({ m: 60_000, h: 3_600_000, d: 86_400_000 });

/** What `HN_START` accepts, for error messages and --help. */
export const HN_START_FORMAT = 'an item id (e.g. 42000000) or a duration such as 90m, 24h or 7d';

/** The longest look-back a duration may ask for: the API serves every item since 2006, but a first run of years is a backfill job. */
export const HN_START_MAX_AGE_MS = 366 * UNIT_MS.d;

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
  const match = /^(\d+(?:\.\d+)?)\s*([mhd])$/i.exec(value);
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase() as keyof typeof UNIT_MS;
  const ms = Number(match[1]) * UNIT_MS[unit];
  return ms > 0 && ms <= HN_START_MAX_AGE_MS ? { kind: 'age', ms: Math.round(ms) } : null;
}

/** `HN_START` as a log field: `id 42000000` or `24h ago`. */
export function describeHnStart(start: HnStart): string {
  if (start.kind === 'id') return `id ${start.id}`;
  const hours = start.ms / 3_600_000;
  return Number.isInteger(hours) ? `${hours}h ago` : `${Math.round(start.ms / 60_000)}m ago`;
}
