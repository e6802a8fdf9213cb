import { z } from 'zod';
import { fitsInt4 } from '../limits';
import { ASK_SCHEMA, totalField, type PayloadField } from './payload-reader';

/**
 * Field shapes shared by the t3 (submission) and t1 (comment) schemas, tolerant of how Reddit's API
 * and the archive dumps (Pushshift, Arctic Shift) drifted over the years. Each is a
 * {@link PayloadField}: the zod schema that defines it, and beside it a fast reader of its common
 * shapes that gives the schema's result without zod's allocations.
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

/** Seconds since the epoch given as a number or numeric string, when plausible ({@link isPlausibleEpoch}); else undefined. */
export function plausibleEpochOf(value: unknown): number | undefined {
  const seconds = numberOf(value);
  return seconds !== undefined && isPlausibleEpoch(seconds) ? seconds : undefined;
}

/**
 * A number that dumps send as a float, an int, or a numeric string
 * (docs/design-notes.md, "Reddit API rules").
 */
const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(NUMERIC_TEXT, 'is not a number')
    .transform(Number),
], { error: 'is not a number' });

/** Seconds since the epoch (float, int or numeric string), between Reddit's founding and 2100. */
export const epochSeconds: PayloadField<number> = {
  schema: numeric.refine(isPlausibleEpoch, 'is not a plausible epoch in seconds'),
  fast: (v) => plausibleEpochOf(v) ?? ASK_SCHEMA,
};

const storableInt = numeric.pipe(
  z
    .number()
    .finite()
    .refine(fitsInt4, 'is outside the storable range (a 32-bit integer)'),
);

/** A number (or numeric text) a count column can store; anything else is the schema's to judge. */
function fastStorableInt(v: unknown): number | typeof ASK_SCHEMA {
  const n = numberOf(v);
  return n !== undefined && Number.isFinite(n) && fitsInt4(n) ? n : ASK_SCHEMA;
}

/** A count that older data lacks: absent or null is 0. */
export const count: PayloadField<number> = {
  schema: z.preprocess((v) => (v === null || v === undefined ? 0 : v), storableInt),
  fast: (v) => (v === null || v === undefined ? 0 : fastStorableInt(v)),
};

/** A count whose absence means "unknown" (a score some dumps give as null): absent or null stays null. */
export const nullableCount: PayloadField<number | null> = {
  schema: z.preprocess((v) => (v === undefined ? null : v), storableInt.nullable()),
  fast: (v) => (v === null || v === undefined ? null : fastStorableInt(v)),
};

/** Text, or null for anything else (absent, null, another type). */
export const optionalText = totalField((v) => (typeof v === 'string' ? v : null), z.string().nullable());

/** Text that is empty when it is absent or not text (a post's selftext, a comment's body). */
export const textOrEmpty = totalField((v) => (typeof v === 'string' ? v : ''), z.string());

/** True only for `true`. */
export const flag = totalField((v) => v === true, z.boolean());

/** An author; an empty or missing one is a deleted account. */
export const author = totalField((v) => (typeof v === 'string' && v !== '' ? v : '[deleted]'), z.string());

/**
 * The edit time: `false` (never edited), `true` (old data: edited, time unknown), or an int, float or
 * numeric-string epoch. Anything else, and an implausible time, is read as "time unknown" (null).
 */
export const editedSeconds = totalField((v) => plausibleEpochOf(v) ?? null, z.number().nullable());

/** A ratio in [0, 1]; anything else is read as unknown (null). */
export const ratio = totalField((v) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null), z.number().nullable());

/** Any value, the key may be absent (a field checked by the normaliser itself). */
export const anyValue: PayloadField<unknown> = { schema: z.unknown().optional(), fast: (v) => v };

const BASE36_ID = /^[0-9a-z]{1,13}$/;

/** The base36 id of an item, without its `tN_` prefix. */
export const base36Id: PayloadField<string> = {
  schema: z.string().regex(BASE36_ID, 'is not a base36 id'),
  fast: (v) => (typeof v === 'string' && BASE36_ID.test(v) ? v : ASK_SCHEMA),
};

/** Any text. */
export const text: PayloadField<string> = { schema: z.string(), fast: (v) => (typeof v === 'string' ? v : ASK_SCHEMA) };

/** The subreddit's name: an indexed column, so a btree entry stays far below its ~2.7 KB limit (SQLSTATE 54000). */
export const subredditName: PayloadField<string> = {
  schema: z.string().min(1, 'is empty').max(100, 'is longer than 100 characters'),
  fast: (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 100 ? v : ASK_SCHEMA),
};
