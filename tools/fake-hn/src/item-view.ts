/**
 * Renders item facts as the API's JSON and as the ground truth. The API's objects list their keys
 * in alphabetical order, as Firebase serves them. A deleted item keeps only `deleted`, `id`,
 * `kids`, `parent`, `poll`, `time` and `type`; a dead one keeps its author and title but loses its
 * text (the API serves no text for dead items: github.com/Livinglist/Hacki/issues/232).
 */
import type { FakeHnItem, HnItemType } from './fake-hn.types';
import type { ItemFacts } from './item-facts';
import { KIND, textOf, titleOf, TYPE_OF_KIND, urlOf } from './item-traits';
import { makeUsername, type ItemText } from './text-corpus';

/** The JSON object `GET /v0/item/<id>.json` answers for these facts (visible or not). */
export function toApiJson(seed: number, facts: ItemFacts, text: ItemText | null = textOf(seed, facts.id, facts.kind, facts.edits)): Record<string, unknown> {
  const { id, kind, kids } = facts;
  const type = typeOf(facts);
  const time = Math.floor(facts.createdMs / 1000);
  const json: Record<string, unknown> = {};
  if (facts.deleted) {
    json['deleted'] = true;
    json['id'] = id;
    if (kids.length > 0) json['kids'] = kids;
    if (facts.parent !== null) json['parent'] = facts.parent;
    if (facts.poll !== null) json['poll'] = facts.poll;
    json['time'] = time;
    json['type'] = type;
    return json;
  }
  json['by'] = makeUsername(facts.author);
  if (facts.dead) json['dead'] = true;
  if (facts.descendants !== null) json['descendants'] = facts.descendants;
  json['id'] = id;
  if (kids.length > 0) json['kids'] = kids;
  if (facts.parent !== null) json['parent'] = facts.parent;
  if (facts.parts.length > 0) json['parts'] = facts.parts;
  if (facts.poll !== null) json['poll'] = facts.poll;
  if (facts.score !== null) json['score'] = facts.score;
  if (text !== null && !facts.dead) json['text'] = text.html;
  json['time'] = time;
  const title = titleOf(seed, id, kind, kind === KIND.story ? facts.edits : 0);
  if (title !== null) json['title'] = title;
  json['type'] = type;
  const url = urlOf(seed, id, kind);
  if (url !== null) json['url'] = url;
  return json;
}

/** The ground truth of an item at `nowMs`; texts and JSON are computed on first read. */
export function toFakeItem(seed: number, facts: ItemFacts, nowMs: number): FakeHnItem {
  const { id, kind } = facts;
  let text: ItemText | null | undefined;
  const textNow = () => (text === undefined ? (text = textOf(seed, id, kind, facts.edits)) : text);
  let json: Record<string, unknown> | null | undefined;
  return {
    id,
    type: typeOf(facts),
    createdMs: facts.createdMs,
    time: Math.floor(facts.createdMs / 1000),
    visibleAtMs: facts.visibleAtMs,
    archive: facts.archive,
    author: makeUsername(facts.author),
    deleted: facts.deleted,
    deletedAtMs: facts.happened?.deletedAtMs ?? null,
    dead: facts.dead,
    deadAtMs: facts.happened?.deadAtMs ?? null,
    edits: facts.edits,
    editedAtMs: facts.happened?.editedAtMs ?? null,
    parent: facts.parent,
    storyId: facts.storyId,
    get title() {
      return titleOf(seed, id, kind, kind === KIND.story ? facts.edits : 0);
    },
    get text() {
      return textNow()?.html ?? null;
    },
    get textPlain() {
      return textNow()?.plain ?? null;
    },
    url: urlOf(seed, id, kind),
    score: facts.score,
    descendants: facts.descendants,
    kids: facts.kids,
    parts: facts.parts,
    poll: facts.poll,
    get json() {
      if (json === undefined) json = facts.visibleAtMs <= nowMs ? toApiJson(seed, facts, textNow()) : null;
      return json;
    },
  };
}

function typeOf(facts: ItemFacts): HnItemType {
  return TYPE_OF_KIND[facts.kind] ?? 'story';
}
