/** Milliseconds per unit of a written duration: minutes, hours, days. */
const UNIT_MS = Object.freeze({ m: 60_000, h: 3_600_000, d: 86_400_000 });

/** What {@link parseDurationMs} accepts, for error messages and --help. */
export const DURATION_FORMAT = 'a duration such as 90m, 24h or 7d';

/**
 * Parses a look-back written as a positive number and a unit (`m`, `h`, `d`; e.g. `90m`, `1.5h`,
 * `7d`) into milliseconds; null for anything else, zero or negative included.
 */
export function parseDurationMs(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([mhd])$/i.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase() as keyof typeof UNIT_MS;
  const ms = Math.round(Number(match[1]) * UNIT_MS[unit]);
  return ms > 0 ? ms : null;
}

/** A duration as people write it: whole hours as `24h`, else minutes (`90m`). */
export function describeDurationMs(ms: number): string {
  const hours = ms / UNIT_MS.h;
  return Number.isInteger(hours) ? `${hours}h` : `${Math.round(ms / UNIT_MS.m)}m`;
}

/** A duration's unit in milliseconds (for limits such as "at most 366 days"). */
export const DAY_MS = UNIT_MS.d;
