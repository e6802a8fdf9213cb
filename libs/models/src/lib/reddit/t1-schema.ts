import { z } from 'zod';
import {
  author,
  base36Id,
  editedSeconds,
  epochSeconds,
  flag,
  nullableCount,
  optionalText,
  subredditName,
} from './payload-fields';

/** The post a comment belongs to: `t3_<id>` as Reddit gives it (a bare id is accepted), read as the bare id. */
const linkId = z
  .string()
  .regex(/^(t3_)?[0-9a-z]{1,13}$/, 'is not a post fullname (t3_<base36 id>)')
  .transform((v) => (v.startsWith('t3_') ? v.slice(3) : v));

/** A comment's parent: `t3_<post>` for a top-level comment, `t1_<comment>` for a reply. */
const parentId = z.string().regex(/^t[13]_[0-9a-z]{1,13}$/, 'is not a post or comment fullname (t3_<id> or t1_<id>)');

/**
 * The t1 (comment) fields we read, in the shapes Reddit and its dumps send them, with the same drift
 * as submissions (`created_utc` as a float, an int or a numeric string; `edited` as false, true or an
 * epoch; `score` null; `removed_by_category` and `author_fullname` absent in older years). The parsed
 * object holds these fields only, as for submissions; the payload itself is what `raw` stores.
 */
export const t1Schema = z
  .object({
    id: base36Id,
    // `t1_<id>`, checked against `id` by the normaliser (any type: a wrong one is reported, not dropped)
    name: z.unknown().optional(),
    created_utc: epochSeconds,
    subreddit: subredditName,
    subreddit_id: optionalText,
    link_id: linkId,
    parent_id: parentId,
    author,
    author_fullname: optionalText,
    body: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
    // unknown (null or absent in some dumps) stays unknown: never 0, which would lie in an average
    score: nullableCount,
    edited: editedSeconds,
    removed_by_category: optionalText,
    distinguished: optionalText,
    stickied: flag,
  });

export type T1Data = z.infer<typeof t1Schema>;
