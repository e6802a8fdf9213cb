/**
 * The facts the API and the ground truth render an item from, gathered from the store (generated
 * ids) or the archive (older ids) at one instant.
 */
import { archivedDescendants, archivedItem, archivedKids, type ArchiveOptions } from './archive';
import type { HappenedEvents, ItemStore } from './item-store';
import { DEAD, DELETED, NONE } from './item-table';
import { authorIndexOf, KIND, SCORE_SETTLED_SECONDS, scoreAt, type Kind } from './item-traits';
import { unitOf } from './prng';

const RANK_SALT = 301;

/** One item's state at an instant. */
export interface ItemFacts {
  readonly id: number;
  readonly kind: Kind;
  readonly createdMs: number;
  readonly visibleAtMs: number;
  readonly archive: boolean;
  /** index in the author pool */
  readonly author: number;
  readonly deleted: boolean;
  readonly dead: boolean;
  readonly edits: number;
  readonly parent: number | null;
  readonly storyId: number | null;
  /** replies in the API's order */
  readonly kids: readonly number[];
  readonly descendants: number | null;
  readonly parts: readonly number[];
  readonly poll: number | null;
  readonly score: number | null;
  readonly happened: HappenedEvents | null;
}

/** The facts of a generated row at `nowMs`; `null` for a hole. */
export function generatedFacts(store: ItemStore, row: number, nowMs: number): ItemFacts | null {
  const kind = store.kindOf(row);
  if (kind === KIND.hole) return null;
  const { table, options } = store;
  const id = store.idOf(row);
  const createdMs = table.createdMs[row] ?? 0;
  const flags = table.flags[row] ?? 0;
  const parentRow = table.parent[row] ?? NONE;
  const rootRow = table.root[row] ?? NONE;
  const partCount = table.parts[row] ?? 0;
  const threaded = kind === KIND.story || kind === KIND.poll;
  return {
    id,
    kind,
    createdMs,
    visibleAtMs: store.visibleAtMs(row),
    archive: false,
    author: store.authorOf(row),
    deleted: (flags & DELETED) !== 0,
    dead: (flags & DEAD) !== 0,
    edits: table.edits[row] ?? 0,
    parent: kind === KIND.comment && parentRow !== NONE ? store.idOf(parentRow) : null,
    storyId: rootRow === NONE ? null : store.idOf(rootRow),
    kids: rankKids(options.seed, table.kidRows(row).map((kid) => store.idOf(kid))),
    descendants: threaded ? (table.descendants[row] ?? 0) : null,
    parts: Array.from({ length: partCount }, (_, i) => id + 1 + i),
    poll: kind === KIND.pollopt && parentRow !== NONE ? store.idOf(parentRow) : null,
    score: kind === KIND.comment ? null : scoreAt(options.seed, id, kind, (nowMs - createdMs) / 1000),
    happened: store.happenedTo(row) ?? null,
  };
}

/** The facts of an archive id; `null` for a hole or an id outside the archive. */
export function archiveFacts(options: ArchiveOptions, id: number): ItemFacts | null {
  const item = archivedItem(options, id);
  if (item === null) return null;
  const { kind } = item;
  return {
    id,
    kind,
    createdMs: item.createdMs,
    visibleAtMs: item.createdMs,
    archive: true,
    author: authorIndexOf(options.seed, id),
    deleted: item.deleted,
    dead: item.dead,
    edits: item.edits,
    parent: item.parent,
    storyId: item.storyId,
    kids: kind === KIND.job ? [] : rankKids(options.seed, archivedKids(options, id)),
    descendants: kind === KIND.story ? archivedDescendants(options, id) : null,
    parts: [],
    poll: null,
    score: kind === KIND.comment ? null : scoreAt(options.seed, id, kind, SCORE_SETTLED_SECONDS),
    happened: null,
  };
}

/** Replies in "ranked display order": a seeded order, not the id order a scraper must not rely on. */
function rankKids(seed: number, ids: number[]): number[] {
  if (ids.length < 2) return ids;
  return ids
    .map((id) => ({ id, rank: unitOf(seed, RANK_SALT, id) }))
    .sort((a, b) => a.rank - b.rank)
    .map((entry) => entry.id);
}
