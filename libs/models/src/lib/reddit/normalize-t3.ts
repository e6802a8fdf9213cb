import type { Submission } from '../submission';
import { stripNul, stripNulDeep } from '../text';
import { t3Schema, type T3Data } from './t3-schema';

/** The outcome of normalising one item: a submission, or why it was rejected (with its id if known). */
export type NormalizeResult =
  | { readonly ok: true; readonly submission: Submission }
  | { readonly ok: false; readonly id: string | null; readonly reason: string };

export interface NormalizeOptions {
  /**
   * Remove the text of content deleted or removed on Reddit (Reddit's Data API terms ask that
   * content deleted on Reddit be deleted downstream). Engagement figures are kept.
   */
  readonly redactDeleted: boolean;
}

/** Text markers Reddit puts in place of deleted or removed content. */
const DELETED_MARKERS = new Set(['[deleted]', '[removed]']);

/**
 * Normalises a t3 `data` object (from a listing, `/api/info` or a dump) into a {@link Submission}.
 * Pure: never throws on bad input, returns the reason instead.
 */
export function normalizeT3(data: unknown, options: NormalizeOptions): NormalizeResult {
  const parsed = t3Schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'item';
    return { ok: false, id: idOf(data), reason: `${field} ${issue?.message ?? 'is invalid'}` };
  }
  const t3 = parsed.data;
  const submission = toSubmission(t3, stripNulDeep(data) as Record<string, unknown>);
  return { ok: true, submission: options.redactDeleted && isDeletedOnReddit(t3) ? redact(submission) : submission };
}

function toSubmission(t3: T3Data, raw: Record<string, unknown>): Submission {
  return {
    id: t3.id,
    createdUtc: new Date(Math.round(t3.created_utc * 1000)),
    subreddit: stripNul(t3.subreddit),
    subredditId: t3.subreddit_id,
    author: stripNul(t3.author),
    authorFullname: t3.author === '[deleted]' ? null : t3.author_fullname,
    title: stripNul(t3.title),
    selftext: stripNul(t3.selftext),
    url: t3.url === null ? null : stripNul(t3.url),
    permalink: t3.permalink ?? `/r/${t3.subreddit}/comments/${t3.id}/`,
    domain: t3.domain,
    isSelf: t3.is_self,
    over18: t3.over_18,
    spoiler: t3.spoiler,
    stickied: t3.stickied,
    locked: t3.locked,
    linkFlairText: t3.link_flair_text === null ? null : stripNul(t3.link_flair_text),
    distinguished: t3.distinguished,
    score: Math.trunc(t3.score),
    numComments: Math.trunc(t3.num_comments),
    upvoteRatio: t3.upvote_ratio,
    editedAt: typeof t3.edited === 'number' && t3.edited > 0 ? new Date(Math.round(t3.edited * 1000)) : null,
    removedByCategory: t3.removed_by_category,
    raw,
  };
}

/** Deleted by its author or removed (moderators, admins, takedowns): the text is gone on Reddit. */
export function isDeletedOnReddit(t3: Pick<T3Data, 'removed_by_category' | 'selftext' | 'author'>): boolean {
  return t3.removed_by_category !== null || DELETED_MARKERS.has(t3.selftext);
}

/** Keys of the raw payload that are kept after redaction: identity, time, and engagement. */
const KEPT_RAW_KEYS = [
  'id', 'name', 'subreddit', 'subreddit_id', 'created_utc', 'score', 'ups', 'upvote_ratio',
  'num_comments', 'removed_by_category', 'is_self', 'over_18', 'stickied', 'locked', 'edited',
];

function redact(submission: Submission): Submission {
  const raw: Record<string, unknown> = { redacted: true };
  for (const key of KEPT_RAW_KEYS) if (key in submission.raw) raw[key] = submission.raw[key];
  return {
    ...submission,
    author: '[deleted]',
    authorFullname: null,
    title: '[deleted]',
    selftext: '',
    url: null,
    domain: null,
    linkFlairText: null,
    raw,
  };
}

function idOf(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  const { id, name } = data as { id?: unknown; name?: unknown };
  if (typeof id === 'string') return id;
  if (typeof name === 'string' && name.startsWith('t3_')) return name.slice(3);
  return null;
}
