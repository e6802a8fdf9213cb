import type { z } from 'zod';
import {
  anyValue,
  author,
  base36Id,
  count,
  editedSeconds,
  epochSeconds,
  flag,
  nullableCount,
  optionalText,
  ratio,
  subredditName,
  text,
  textOrEmpty,
} from './payload-fields';
import { payloadReader } from './payload-reader';

/**
 * The t3 (submission) fields we read, in the shapes Reddit and its dumps send them (`created_utc` as
 * a float, an int or a numeric string; `edited` as false, true or an epoch; `score` null in late 2017;
 * `removed_by_category` absent in older years). The parsed object holds these
 * fields only: Reddit sends over a hundred, and copying the rest (`.loose()`) cost an archive import a
 * tenth of its CPU. The payload itself is what `raw` stores.
 */
export const t3Reader = payloadReader({
  id: base36Id,
  // `t3_<id>`, checked against `id` by the normaliser (any type: a wrong one is reported, not dropped)
  name: anyValue,
  created_utc: epochSeconds,
  subreddit: subredditName,
  subreddit_id: optionalText,
  author,
  author_fullname: optionalText,
  title: text,
  selftext: textOrEmpty,
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
  // unknown (null or absent in some dumps) stays unknown: never 0, which would lie in an average
  score: nullableCount,
  num_comments: count,
  // a ratio in [0, 1]; anything else is treated as unknown
  upvote_ratio: ratio,
  // seconds of the last edit, or null: never edited, or (old data, `true`) edited at an unknown time
  edited: editedSeconds,
  removed_by_category: optionalText,
});

export const t3Schema = t3Reader.schema;

export type T3Data = z.infer<typeof t3Schema>;
