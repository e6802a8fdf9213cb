import { z } from 'zod';
import { fitsInt4 } from '../limits';

/**
 * Field shapes shared by the t3 (submission) and t1 (comment) schemas, tolerant of how Reddit's API
 * and the archive dumps (Pushshift, Arctic Shift) drifted over the years.
 */

/** Reddit was founded in June 2005: an earlier epoch is a unit error (ms, or garbage). */
const EARLIEST_EPOCH_S = Date.UTC(2005, 5, 1) / 1000;

/** 2100-01-01: a later epoch is garbage (a unit error, or a corrupt payload). */
const LATEST_EPOCH_S = 4102444800;

/** Between Reddit's founding and 2100, in seconds. */
export const isPlausibleEpoch = (s: number): boolean => Number.isFinite(s) && s >= EARLIEST_EPOCH_S && s < LATEST_EPOCH_S;

const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/;

/** A number given as a number or as a numeric string (`"1420070400"`, dumps of 2014–2015); else undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return Number(value.trim());
  return undefined;
}

/**
 * A number that dumps send as a float, an int, or a numeric string
 * (docs/design-notes.md, "Reddit API rules").
 */
export const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(NUMERIC_TEXT, 'is not a number')
    .transform(Number),
], { error: 'is not a number' });

/** Seconds since the epoch (float, int or numeric string), between Reddit's founding and 2100. */
export const epochSeconds = numeric.refine(isPlausibleEpoch, 'is not a plausible epoch in seconds');

const storableInt = numeric.pipe(
  z
    .number()
    .finite()
    .refine(fitsInt4, 'is outside the storable range (a 32-bit integer)'),
);

/** A count that older data lacks: absent or null is 0. */
export const count = z.preprocess((v) => (v === null || v === undefined ? 0 : v), storableInt);

/** A count whose absence means "unknown" (a score some dumps give as null): absent or null stays null. */
export const nullableCount = z.preprocess((v) => (v === undefined ? null : v), storableInt.nullable());

export const optionalText = z.preprocess((v) => (typeof v === 'string' ? v : null), z.string().nullable());
export const flag = z.preprocess((v) => v === true, z.boolean());

/** An author; an empty or missing one is a deleted account. */
export const author = z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : '[deleted]'), z.string());

/**
 * The edit time: `false` (never edited), `true` (old data: edited, time unknown), or an int, float or
 * numeric-string epoch. Anything else, and an implausible time, is read as "time unknown" (null).
 */
export const editedSeconds = z.preprocess((v) => {
  const seconds = numberOf(v);
  return seconds !== undefined && isPlausibleEpoch(seconds) ? seconds : null;
}, z.number().nullable());

/** The base36 id of an item, without its `tN_` prefix. */
export const base36Id = z.string().regex(/^[0-9a-z]{1,13}$/, 'is not a base36 id');

/** The subreddit's name: an indexed column, so a btree entry stays far below its ~2.7 KB limit (SQLSTATE 54000). */
export const subredditName = z.string().min(1, 'is empty').max(100, 'is longer than 100 characters');
