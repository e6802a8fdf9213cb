/**
 * What an item is, as pure functions of (seed, id): its kind, lag, author, score curve, seeded
 * life events and texts. Nothing is stored per item for these, so 300k items cost no memory here.
 */
import type { HnItemType } from './fake-hn.types';
import { logNormal, randomOf, unitOf } from './prng';
import { makeJobTitle, makeOptionText, makeText, makeTitle, makeUrl, withEditNote, type ItemText } from './text-corpus';

// module-level aliases: global lookups are slow in hot code under Jest's vm context (see prng.ts)
const { exp, floor, min } = Math;

/** Kinds as stored in the item table (0 is a hole: an id that never exists). */
export const KIND = Object.freeze({ hole: 0, story: 1, comment: 2, job: 3, poll: 4, pollopt: 5 });
export type Kind = (typeof KIND)[keyof typeof KIND];

export const TYPE_OF_KIND: readonly (HnItemType | null)[] = [null, 'story', 'comment', 'job', 'poll', 'pollopt'];

/** Shares of new items by type (pollopts come with their poll). */
export const ITEM_MIX = Object.freeze({ story: 0.16, job: 0.004, poll: 0.003 });

/** Authors are drawn from a pool of this many users, a few of them very active. */
export const AUTHOR_POOL = 20_000;

/** Salts: one per kind of draw, so that draws for one id are independent. */
const S = Object.freeze({
  hole: 1, kind: 2, lag: 3, late: 4, author: 5, score1: 6, score2: 7, growth: 8, delete: 9, dead: 10, edit: 11,
  lifeDelay: 12, form: 13, text: 14, title: 15, options: 16, editText: 17, killNow: 18, url: 19, showText: 20,
});

/** Seeded life rates and lags, as resolved from the options. */
export interface TraitRates {
  readonly holeRate: number;
  readonly deleteRate: number;
  readonly deadRate: number;
  readonly editRate: number;
  readonly lateRate: number;
  readonly nullLagMs: number;
  readonly lateLagMs: number;
}

/** Whether the id never exists. */
export function isHole(seed: number, id: number, rates: TraitRates): boolean {
  return unitOf(seed, S.hole, id) < rates.holeRate;
}

/** The kind of a new (non-hole) item; comments are most. */
export function drawKind(seed: number, id: number): Kind {
  const u = unitOf(seed, S.kind, id);
  if (u < ITEM_MIX.story) return KIND.story;
  if (u < ITEM_MIX.story + ITEM_MIX.job) return KIND.job;
  if (u < ITEM_MIX.story + ITEM_MIX.job + ITEM_MIX.poll) return KIND.poll;
  return KIND.comment;
}

/** How many options a poll has (its next ids). */
export function optionCount(seed: number, id: number): number {
  return 2 + floor(unitOf(seed, S.options, id) * 4);
}

/** How long after its creation the API still answers `null` for the item. */
export function lagMsOf(seed: number, id: number, rates: TraitRates): number {
  if (unitOf(seed, S.late, id) < rates.lateRate) return rates.lateLagMs;
  return floor(rates.nullLagMs * (0.5 + 0.5 * unitOf(seed, S.lag, id)));
}

/** The author's index in the pool: skewed, so that some users write much. */
export function authorIndexOf(seed: number, id: number): number {
  const u = unitOf(seed, S.author, id);
  return floor(AUTHOR_POOL * u * u * u);
}

/** Score at `ageSeconds`: a saturating curve towards a log-normal potential (stories, polls, jobs, pollopts). */
export function scoreAt(seed: number, id: number, kind: Kind, ageSeconds: number): number {
  if (kind === KIND.job) return 1;
  const potential = min(6000, floor(logNormal(unitOf(seed, S.score1, id), unitOf(seed, S.score2, id), 1.2, 1.7)));
  const growthSeconds = 1200 + unitOf(seed, S.growth, id) * 8 * 3600;
  const progress = ageSeconds <= 0 ? 0 : 1 - exp(-ageSeconds / growthSeconds);
  // a pollopt counts votes from 0; a story starts with its author's point
  return (kind === KIND.pollopt ? 0 : 1) + floor(potential * progress);
}

/** How long after creation a story's score may still move (the curve is flat to a point by then). */
export const SCORE_SETTLED_SECONDS = 3 * 24 * 3600;

/** The seeded course of an item's life, as delays after creation (ms); `null`: never. */
export interface LifeEvents {
  readonly deleteAfterMs: number | null;
  readonly deadAfterMs: number | null;
  readonly editAfterMs: number | null;
}

const NO_EVENTS: LifeEvents = Object.freeze({ deleteAfterMs: null, deadAfterMs: null, editAfterMs: null });

/** Only stories and comments are deleted, killed or edited. */
export function lifeEventsOf(seed: number, id: number, kind: Kind, rates: TraitRates): LifeEvents {
  if (kind !== KIND.story && kind !== KIND.comment) return NO_EVENTS;
  const delay = (salt: number, minMs: number, maxMs: number) => minMs + floor(unitOf(seed, S.lifeDelay, id, salt) * (maxMs - minMs));
  const deleted = unitOf(seed, S.delete, id) < rates.deleteRate;
  const dead = unitOf(seed, S.dead, id) < rates.deadRate;
  const edited = unitOf(seed, S.edit, id) < rates.editRate;
  // half of the dead are killed on arrival (spam filters), the rest flagged later
  const killedOnArrival = unitOf(seed, S.killNow, id) < 0.5;
  return {
    deleteAfterMs: deleted ? delay(1, 30_000, 2 * 3600_000) : null,
    deadAfterMs: dead ? (killedOnArrival ? 0 : delay(2, 60_000, 6 * 3600_000)) : null,
    editAfterMs: edited ? delay(3, 30_000, 2 * 3600_000) : null,
  };
}

/** A story is a link, an Ask HN (text, no URL) or a Show HN (a URL, sometimes text). */
export type StoryForm = 'link' | 'ask' | 'show';

export function storyFormOf(seed: number, id: number): StoryForm {
  const u = unitOf(seed, S.form, id);
  return u < 0.12 ? 'ask' : u < 0.22 ? 'show' : 'link';
}

/** The title after `edits` edits (a moderator's retitling), plain text. */
export function titleOf(seed: number, id: number, kind: Kind, edits: number): string | null {
  const random = randomOf(seed, S.title, id, edits);
  if (kind === KIND.job) return makeJobTitle(random);
  if (kind === KIND.poll) return makeTitle(random, 'poll');
  if (kind === KIND.story) return makeTitle(random, storyFormOf(seed, id));
  return null;
}

/** The URL of a link, Show HN or job story; `null` for the others. */
export function urlOf(seed: number, id: number, kind: Kind): string | null {
  const hasUrl =
    (kind === KIND.story && storyFormOf(seed, id) !== 'ask') || (kind === KIND.job && unitOf(seed, S.url, id) < 0.6);
  return hasUrl ? makeUrl(randomOf(seed, S.url, id)) : null;
}

/** A poll's text: present and empty, as the API serves it. */
const EMPTY_TEXT: ItemText = Object.freeze({ html: '', plain: '' });

/** The text after `edits` edits (a note added per edit); `null` when the item has none. */
export function textOf(seed: number, id: number, kind: Kind, edits: number): ItemText | null {
  const random = randomOf(seed, S.text, id);
  switch (kind) {
    case KIND.comment: {
      let text = makeText(random);
      for (let edit = 1; edit <= edits; edit++) text = withEditNote(text, randomOf(seed, S.editText, id, edit));
      return text;
    }
    case KIND.pollopt:
      return makeOptionText(random);
    case KIND.poll:
      return EMPTY_TEXT;
    case KIND.story: {
      const form = storyFormOf(seed, id);
      return form === 'ask' || (form === 'show' && unitOf(seed, S.showText, id) < 0.5) ? makeText(random) : null;
    }
    case KIND.job:
      return urlOf(seed, id, kind) === null ? makeText(random) : null;
    default:
      return null;
  }
}

