/** Reddit's founding and 2100: outside, a time is garbage (as libs/models judges `created_utc`). */
const EARLIEST_S = Date.UTC(2005, 5, 1) / 1000;
const LATEST_S = 4102444800;

/**
 * When the dump's crawler read the object: `retrieved_on` or `retrieved_utc` (epoch seconds, a number
 * or a numeric string), or null when absent or implausible (the caller falls back to the file's
 * time). This is the `observedAt` of the engagement figures. Pure.
 */
export function retrievedAt(payload: Readonly<Record<string, unknown>>): Date | null {
  for (const key of ['retrieved_on', 'retrieved_utc']) {
    const value = payload[key];
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
    if (Number.isFinite(seconds) && seconds >= EARLIEST_S && seconds < LATEST_S) return new Date(Math.round(seconds * 1000));
  }
  return null;
}

/** True when the object has an id (a non-empty string). */
export const hasId = (payload: Readonly<Record<string, unknown>>): boolean => typeof payload['id'] === 'string' && payload['id'] !== '';

/** True when the object has a creation time (`created_utc` present and not null). */
export const hasTime = (payload: Readonly<Record<string, unknown>>): boolean => payload['created_utc'] !== undefined && payload['created_utc'] !== null && payload['created_utc'] !== '';
