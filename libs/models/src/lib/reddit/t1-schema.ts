import { z } from 'zod';
import {
  anyValue,
  author,
  base36Id,
  editedSeconds,
  epochSeconds,
  flag,
  nullableCount,
  optionalText,
  subredditName,
  textOrEmpty,
} from './payload-fields';
import { ASK_SCHEMA, payloadReader, type PayloadField } from './payload-reader';

const LINK_ID = /^(t3_)?[0-9a-z]{1,13}$/;
const bareLinkId = (v: string): string => (v.startsWith('t3_') ? v.slice(3) : v);

/** The post a comment belongs to: `t3_<id>` as Reddit gives it (a bare id is accepted), read as the bare id. */
const linkId: PayloadField<string> = {
  schema: z.string().regex(LINK_ID, 'is not a post fullname (t3_<base36 id>)').transform(bareLinkId),
  fast: (v) => (typeof v === 'string' && LINK_ID.test(v) ? bareLinkId(v) : ASK_SCHEMA),
};

const PARENT_ID = /^t[13]_[0-9a-z]{1,13}$/;

/** A comment's parent: `t3_<post>` for a top-level comment, `t1_<comment>` for a reply. */
const parentId: PayloadField<string> = {
  schema: z.string().regex(PARENT_ID, 'is not a post or comment fullname (t3_<id> or t1_<id>)'),
  fast: (v) => (typeof v === 'string' && PARENT_ID.test(v) ? v : ASK_SCHEMA),
};

/**
 * The t1 (comment) fields we read, in the shapes Reddit and its dumps send them, with the same drift
 * as submissions (`created_utc` as a float, an int or a numeric string; `edited` as false, true or an
 * epoch; `score` null; `removed_by_category` and `author_fullname` absent in older years). The parsed
 * object holds these fields only, as for submissions; the payload itself is what `raw` stores.
 */
export const t1Reader = payloadReader({
  id: base36Id,
  // `t1_<id>`, checked against `id` by the normaliser (any type: a wrong one is reported, not dropped)
  name: anyValue,
  created_utc: epochSeconds,
  subreddit: subredditName,
  subreddit_id: optionalText,
  link_id: linkId,
  parent_id: parentId,
  author,
  author_fullname: optionalText,
  body: textOrEmpty,
  // unknown (null or absent in some dumps) stays unknown: never 0, which would lie in an average
  score: nullableCount,
  edited: editedSeconds,
  removed_by_category: optionalText,
  distinguished: optionalText,
  stickied: flag,
});

export const t1Schema = t1Reader.schema;

export type T1Data = z.infer<typeof t1Schema>;
