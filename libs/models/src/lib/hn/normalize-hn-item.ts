import { futureTimeProblem } from '../limits';
import { toStorableDeepIfNeeded, toStorableText } from '../text';
import type { HnItemType } from './hn-api-item';
import { hnHtmlToText, hnTitleToText } from './hn-html';
import type { HnItem } from './hn-item';
import { hnItemSchema, type HnItemFields } from './hn-item-schema';

/** Why an item was rejected, with its id if the payload has a valid one (the shape of Reddit's rejections). */
export interface HnRejection {
  readonly ok: false;
  readonly id: string | null;
  readonly reason: string;
}

/**
 * The API answered `null`: no item has this id, or not yet (fresh ids are `null` for a moment).
 * Not a rejection: there is no payload to quarantine; the walker retries, then records the id absent.
 */
export interface HnAbsent {
  readonly ok: false;
  readonly absent: true;
}

/** The outcome of normalising one API answer: an item, a rejection with its reason, or no item at all. */
export type HnNormalizeResult = { readonly ok: true; readonly item: HnItem } | HnRejection | HnAbsent;

export interface HnNormalizeOptions {
  /**
   * The time of reading. An item created after `now` + `MAX_FUTURE_SKEW_MS` (../limits) is rejected;
   * a deleted item without `time` is placed at `now`.
   */
  readonly now: Date;
}

const ABSENT: HnAbsent = Object.freeze({ ok: false, absent: true });

/** Types whose items are their own root story. */
const ROOT_TYPES: ReadonlySet<HnItemType> = new Set(['story', 'job', 'poll']);

/** What a deleted item's payload must not keep: who wrote it and what it said. */
const REDACTED_KEYS = ['by', 'text', 'title', 'url'];

/** True when the API had no item for the id (its answer was `null`). */
export function isHnAbsent(result: HnNormalizeResult): result is HnAbsent {
  return 'absent' in result;
}

/**
 * Normalises one answer of `/v0/item/<id>.json` into an {@link HnItem} whose every value PostgreSQL
 * can store. Pure: never throws on bad input, returns the reason instead; `null` (no such item)
 * gives an {@link HnAbsent}.
 *
 * - A deleted item is kept, redacted: author, title, body and url `null`, and its payload without
 *   them. Without `time` it is placed at `options.now`: a deletion must still reach the row stored
 *   earlier (the write path keeps the time an id was first stored under), and an id never stored is
 *   then a row without content at the latest time it can have been created; its `raw` has no `time`.
 * - A dead item is kept as it is, with `dead: true`.
 * - Any other item without `type` or `time` is rejected.
 */
export function normalizeHnItem(payload: unknown, options: HnNormalizeOptions): HnNormalizeResult {
  if (payload === null) return ABSENT;
  const parsed = hnItemSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'item';
    return { ok: false, id: idOf(payload), reason: `${field} ${issue?.message ?? 'is invalid'}` };
  }
  const fields = parsed.data;
  const id = String(fields.id);
  if (!fields.deleted && !fields.type) return { ok: false, id, reason: 'type is missing' };
  if (!fields.deleted && typeof fields.time !== 'number') return { ok: false, id, reason: 'time is missing' };
  const createdAt = new Date(typeof fields.time === 'number' ? Math.round(fields.time * 1000) : options.now.getTime());
  const future = futureTimeProblem('time', createdAt, options.now);
  if (future) return { ok: false, id, reason: future };
  // the caller's payload itself unless something in it needed repair: never mutated here
  const raw = toStorableDeepIfNeeded(payload) as Record<string, unknown>;
  return { ok: true, item: fields.deleted ? redact(toItem(fields, createdAt, raw)) : toItem(fields, createdAt, raw) };
}

function toItem(fields: HnItemFields, createdAt: Date, raw: Record<string, unknown>): HnItem {
  const type = fields.type ?? null;
  return {
    id: fields.id,
    createdAt,
    type,
    author: storable(fields.by),
    parentId: fields.parent ?? null,
    storyId: type === 'pollopt' ? (fields.poll ?? null) : type !== null && ROOT_TYPES.has(type) ? fields.id : null,
    title: storable(fields.title, hnTitleToText),
    body: storable(fields.text, hnHtmlToText),
    url: storable(fields.url),
    score: fields.score ?? null,
    descendants: fields.descendants ?? null,
    dead: fields.dead,
    deleted: fields.deleted,
    raw,
  };
}

/**
 * Storable text, converted; `null` when absent or empty. Repaired after the conversion, which passes
 * NUL and lone surrogates through (in text and in an href that replaces a truncated link).
 */
function storable(value: string | null | undefined, convert: (text: string) => string = (text) => text): string | null {
  if (value === null || value === undefined) return null;
  const text = toStorableText(convert(value));
  return text === '' ? null : text;
}

function redact(item: HnItem): HnItem {
  // a copy: item.raw may be the caller's payload
  const raw = { ...item.raw };
  for (const key of REDACTED_KEYS) delete raw[key];
  return { ...item, author: null, title: null, body: null, url: null, raw };
}

/** The item's id for a rejection report, only if it is a valid one. */
function idOf(payload: unknown): string | null {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return null;
  const id = (payload as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? String(id) : null;
}
