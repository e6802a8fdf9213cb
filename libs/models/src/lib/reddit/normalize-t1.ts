import type { RawJson } from '../source-payload';
import type { RedditComment } from '../comment';
import { futureTimeProblem } from '../limits';
import { toStorableDeepIfNeeded, toStorableText } from '../text';
import { heldRawJson, isDeletedMarker, type NormalizeOptions } from './normalize-t3';
import { dateOfSeconds, describeKind, idOf, isRecord, nameMismatch, schemaReason } from './payload';
import { t1Reader, type T1Data } from './t1-schema';

/** The outcome of normalising one comment: the comment, or why it was rejected (with its id if known). */
export type NormalizeT1Result =
  | { readonly ok: true; readonly comment: RedditComment }
  | { readonly ok: false; readonly id: string | null; readonly reason: string };

/**
 * Normalises a listing child (`{ kind: 't1', data }`) into a {@link RedditComment}. Another kind is
 * rejected; a child without a `kind` is read as the `data` object itself (dumps hold bare objects).
 */
export function normalizeT1Thing(thing: unknown, options: NormalizeOptions): NormalizeT1Result {
  if (isRecord(thing) && 'kind' in thing && 'data' in thing) {
    if (thing['kind'] !== 't1') {
      return { ok: false, id: idOf(thing['data']), reason: `kind ${describeKind(thing['kind'])} is not a comment (t1)` };
    }
    return normalizeT1(thing['data'], options);
  }
  return normalizeT1(thing, options);
}

/**
 * Normalises a t1 `data` object (from a dump, or Reddit's API) into a {@link RedditComment} whose
 * every value PostgreSQL can store: NUL removed and lone UTF-16 surrogates replaced with U+FFFD, in the
 * columns and in `raw`. Pure: never throws on bad input, returns the reason instead.
 */
export function normalizeT1(data: unknown, options: NormalizeOptions): NormalizeT1Result {
  const parsed = t1Reader.read(data);
  if (!parsed.success) return { ok: false, id: idOf(data), reason: schemaReason(parsed.error) };
  const t1 = parsed.data;
  const problem = nameMismatch(t1, 't1', t1.id) ?? futureTimeProblem('created_utc', dateOfSeconds(t1.created_utc), options.now);
  if (problem) return { ok: false, id: t1.id, reason: problem };
  // `raw` is the caller's payload itself unless something in it needed repair: never mutated here
  const raw = toStorableDeepIfNeeded(data, options.rawJson) as Record<string, unknown>;
  if (options.redactDeleted && isCommentDeletedOnReddit(t1)) return { ok: true, comment: redact(toComment(t1, raw, undefined), t1, raw) };
  return { ok: true, comment: toComment(t1, raw, raw === data ? heldRawJson(options) : undefined) };
}

function toComment(t1: T1Data, raw: Record<string, unknown>, rawJson: RawJson | undefined): RedditComment {
  return {
    id: t1.id,
    createdUtc: dateOfSeconds(t1.created_utc),
    subreddit: toStorableText(t1.subreddit),
    subredditId: nullableText(t1.subreddit_id),
    linkId: t1.link_id,
    parentId: t1.parent_id,
    author: toStorableText(t1.author),
    authorFullname: t1.author === '[deleted]' ? null : nullableText(t1.author_fullname),
    body: toStorableText(t1.body),
    score: t1.score === null ? null : Math.trunc(t1.score),
    editedAt: t1.edited === null ? null : dateOfSeconds(t1.edited),
    removedByCategory: nullableText(t1.removed_by_category),
    distinguished: nullableText(t1.distinguished),
    stickied: t1.stickied,
    // one of the two: the text when it is the payload unchanged (the parsed payload is then let go)
    raw: rawJson === undefined ? raw : undefined,
    rawJson,
  };
}

const nullableText = (value: string | null): string | null => (value === null ? null : toStorableText(value));

/**
 * Deleted by its author or removed (moderators, admins, takedowns): the text is gone on Reddit. The
 * rule of posts ({@link isDeletedOnReddit}) with the body in place of the selftext.
 */
export function isCommentDeletedOnReddit(t1: Pick<T1Data, 'removed_by_category' | 'body'>): boolean {
  return t1.removed_by_category !== null || isDeletedMarker(t1.body);
}

/** Removal categories that mean the author deleted the comment (anything else: removed by someone else). */
const DELETED_BY_AUTHOR = new Set(['deleted', 'author']);

/** The marker a gone comment's body shows: Reddit's own if it shows one, else by who removed it. */
function goneMarker(t1: Pick<T1Data, 'removed_by_category' | 'body'>): string {
  if (isDeletedMarker(t1.body)) return t1.body;
  return t1.removed_by_category !== null && !DELETED_BY_AUTHOR.has(t1.removed_by_category) ? '[removed]' : '[deleted]';
}

/** Keys of the raw payload that are kept after redaction: identity, thread, time, and engagement. */
const KEPT_RAW_KEYS = [
  'id', 'name', 'subreddit', 'subreddit_id', 'link_id', 'parent_id', 'created_utc', 'score', 'ups',
  'controversiality', 'removed_by_category', 'stickied', 'distinguished', 'edited', 'retrieved_on', 'retrieved_utc',
];

/** Builds a new `raw` from the payload (which may be the caller's, so it is not changed). */
function redact(comment: RedditComment, t1: T1Data, payload: Record<string, unknown>): RedditComment {
  const raw: Record<string, unknown> = { redacted: true };
  for (const key of KEPT_RAW_KEYS) if (key in payload) raw[key] = payload[key];
  return { ...comment, author: '[deleted]', authorFullname: null, body: goneMarker(t1), raw };
}
