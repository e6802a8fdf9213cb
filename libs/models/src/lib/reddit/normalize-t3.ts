import { futureTimeProblem } from '../limits';
import type { RawJson } from '../source-payload';
import type { Submission } from '../submission';
import { toStorableDeepIfNeeded, toStorableText } from '../text';
import { dateOfSeconds, describeKind, idOf, isRecord, nameMismatch, schemaReason } from './payload';
import { t3Reader, type T3Data } from './t3-schema';

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
  /** The time of reading; an item created after `now` + `MAX_FUTURE_SKEW_MS` (../limits) is rejected. */
  readonly now: Date;
  /**
   * The JSON text the payload was parsed from (an archive line): the item holds it as `rawJson`, in
   * place of `raw`, when the payload is stored unchanged (not redacted, nothing repaired); else it is
   * left out.
   */
  readonly rawJson?: string;
  /**
   * The same text as UTF-8 bytes (an archive line as read): when given, the item holds these as
   * `rawJson` instead of the text (see `RawJson`). `rawJson` is still needed: the text is what is
   * checked for escapes jsonb refuses.
   */
  readonly rawJsonBytes?: Uint8Array;
}

/** Text markers Reddit puts in place of deleted or removed content. */
export const DELETED_MARKERS: ReadonlySet<string> = new Set(['[deleted]', '[removed]']);

const LONGEST_MARKER = Math.max(...[...DELETED_MARKERS].map((marker) => marker.length));

/**
 * True when the text is one of {@link DELETED_MARKERS}. The length is checked first: a Set lookup
 * hashes the whole string, and a post's text can be many kilobytes.
 */
export const isDeletedMarker = (text: string): boolean => text.length <= LONGEST_MARKER && DELETED_MARKERS.has(text);

/**
 * Normalises a listing child (`{ kind: 't3', data }`, as `/new` and `/api/info` return them) into
 * a {@link Submission}. Another kind (a comment, a subreddit...) is rejected; a child without a
 * `kind` is read as the `data` object itself (dumps hold bare objects).
 */
export function normalizeT3Thing(thing: unknown, options: NormalizeOptions): NormalizeResult {
  if (isRecord(thing) && 'kind' in thing && 'data' in thing) {
    if (thing['kind'] !== 't3') {
      return { ok: false, id: idOf(thing['data']), reason: `kind ${describeKind(thing['kind'])} is not a submission (t3)` };
    }
    return normalizeT3(thing['data'], options);
  }
  return normalizeT3(thing, options);
}

/**
 * Normalises a t3 `data` object (from a listing, `/api/info` or a dump) into a {@link Submission}
 * whose every value PostgreSQL can store. Pure: never throws on bad input, returns the reason instead.
 */
export function normalizeT3(data: unknown, options: NormalizeOptions): NormalizeResult {
  const parsed = t3Reader.read(data);
  if (!parsed.success) {
    return { ok: false, id: idOf(data), reason: schemaReason(parsed.error) };
  }
  const t3 = parsed.data;
  const problem = inconsistency(t3, options.now);
  if (problem) return { ok: false, id: t3.id, reason: problem };
  // `raw` is the caller's payload itself unless something in it needed repair: never mutated here
  const raw = toStorableDeepIfNeeded(data, options.rawJson) as Record<string, unknown>;
  if (options.redactDeleted && isDeletedOnReddit(t3)) return { ok: true, submission: redact(toSubmission(t3, raw, undefined), raw) };
  return { ok: true, submission: toSubmission(t3, raw, raw === data ? heldRawJson(options) : undefined) };
}

/** What an item stored unchanged holds as `rawJson`: the line's bytes when given, else its text. */
export function heldRawJson(options: NormalizeOptions): RawJson | undefined {
  return options.rawJson === undefined ? undefined : (options.rawJsonBytes ?? options.rawJson);
}

/** Checks across fields and against the clock, which the schema cannot express. */
function inconsistency(t3: T3Data, now: Date): string | null {
  return nameMismatch(t3, 't3', t3.id) ?? futureTimeProblem('created_utc', dateOfSeconds(t3.created_utc), now);
}

function toSubmission(t3: T3Data, raw: Record<string, unknown>, rawJson: RawJson | undefined): Submission {
  return {
    id: t3.id,
    createdUtc: dateOfSeconds(t3.created_utc),
    subreddit: toStorableText(t3.subreddit),
    subredditId: nullableText(t3.subreddit_id),
    author: toStorableText(t3.author),
    authorFullname: t3.author === '[deleted]' ? null : nullableText(t3.author_fullname),
    title: toStorableText(t3.title),
    selftext: toStorableText(t3.selftext),
    url: nullableText(t3.url),
    permalink: toStorableText(t3.permalink ?? `/r/${t3.subreddit}/comments/${t3.id}/`),
    domain: nullableText(t3.domain),
    isSelf: t3.is_self,
    over18: t3.over_18,
    spoiler: t3.spoiler,
    stickied: t3.stickied,
    locked: t3.locked,
    linkFlairText: nullableText(t3.link_flair_text),
    distinguished: nullableText(t3.distinguished),
    score: t3.score === null ? null : Math.trunc(t3.score),
    numComments: Math.trunc(t3.num_comments),
    upvoteRatio: t3.upvote_ratio,
    editedAt: t3.edited === null ? null : dateOfSeconds(t3.edited),
    removedByCategory: nullableText(t3.removed_by_category),
    // one of the two: the text when it is the payload unchanged (the parsed payload is then let go)
    raw: rawJson === undefined ? raw : undefined,
    rawJson,
  };
}

const nullableText = (value: string | null): string | null => (value === null ? null : toStorableText(value));

/** Deleted by its author or removed (moderators, admins, takedowns): the text is gone on Reddit. */
export function isDeletedOnReddit(t3: Pick<T3Data, 'removed_by_category' | 'selftext' | 'author'>): boolean {
  return t3.removed_by_category !== null || isDeletedMarker(t3.selftext);
}

/** Keys of the raw payload that are kept after redaction: identity, time, and engagement. */
const KEPT_RAW_KEYS = [
  'id', 'name', 'subreddit', 'subreddit_id', 'created_utc', 'score', 'ups', 'upvote_ratio',
  'num_comments', 'removed_by_category', 'is_self', 'over_18', 'stickied', 'locked', 'edited',
  // a dump's retrieval time (the observation time of an archived item)
  'retrieved_on', 'retrieved_utc',
];

/** Builds a new `raw` from the payload (which may be the caller's, so it is not changed). */
function redact(submission: Submission, payload: Record<string, unknown>): Submission {
  const raw: Record<string, unknown> = { redacted: true };
  for (const key of KEPT_RAW_KEYS) if (key in payload) raw[key] = payload[key];
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
