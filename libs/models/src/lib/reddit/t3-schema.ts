import { z } from 'zod';
import { fitsInt4 } from '../limits';

/** Reddit was founded in June 2005: an earlier `created_utc` is a unit error (ms, or garbage). */
const EARLIEST_EPOCH_S = Date.UTC(2005, 5, 1) / 1000;

/**
 * A number that dumps send as a float, an int, or a numeric string
 * (docs/design-notes.md, "Reddit API rules").
 */
const numeric = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'is not a number')
    .transform(Number),
], { error: 'is not a number' });

/** 2100-01-01: a later `created_utc` is garbage (a unit error, or a corrupt payload). */
const LATEST_EPOCH_S = 4102444800;

/** Between Reddit's founding and 2100, in seconds. */
export const isPlausibleEpoch = (s: number): boolean => Number.isFinite(s) && s >= EARLIEST_EPOCH_S && s < LATEST_EPOCH_S;

const epochSeconds = numeric.refine(isPlausibleEpoch, 'is not a plausible epoch in seconds');

const count = z.preprocess(
  (v) => (v === null || v === undefined ? 0 : v),
  numeric.pipe(
    z
      .number()
      .finite()
      .refine(fitsInt4, 'is outside the storable range (a 32-bit integer)'),
  ),
);
const optionalText = z.preprocess((v) => (typeof v === 'string' ? v : null), z.string().nullable());
const flag = z.preprocess((v) => v === true, z.boolean());

/**
 * The t3 (submission) fields we read, in the shapes Reddit and its dumps send them. Unknown keys are
 * kept (`loose`): Reddit sends over a hundred and adds more.
 */
export const t3Schema = z
  .object({
    id: z.string().regex(/^[0-9a-z]{1,13}$/, 'is not a base36 id'),
    created_utc: epochSeconds,
    // indexed column: a btree entry must stay far below its ~2.7 KB limit (SQLSTATE 54000)
    subreddit: z.string().min(1, 'is empty').max(100, 'is longer than 100 characters'),
    subreddit_id: optionalText,
    author: z.preprocess((v) => (typeof v === 'string' && v !== '' ? v : '[deleted]'), z.string()),
    author_fullname: optionalText,
    title: z.string(),
    selftext: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
    url: optionalText,
    permalink: optionalText,
    domain: optionalText,
    is_self: flag,
    over_18: flag,
    spoiler: flag,
    stickied: flag,
    locked: flag,
    link_flair_text: optionalText,
    distinguished: optionalText,
    score: count,
    num_comments: count,
    // a ratio in [0, 1]; anything else is treated as unknown
    upvote_ratio: z.preprocess((v) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : null), z.number().nullable()),
    // `false`, a float timestamp, or (old data) `true` with no time; an implausible time is unknown
    edited: z.preprocess(
      (v) => (typeof v === 'number' && !isPlausibleEpoch(v) ? null : v),
      z.union([z.boolean(), numeric]).nullish(),
    ),
    removed_by_category: optionalText,
  })
  .loose();

export type T3Data = z.infer<typeof t3Schema>;
