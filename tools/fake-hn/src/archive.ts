/**
 * The archive: ids below `firstId`, served as old items that never change, so that a scraper can
 * search the whole id range by time (`time` keeps growing with the id, one mean arrival gap per
 * id, back from `startAt`). Each block of 64 ids is one thread: its first id is a story, and its
 * comments answer that story or an earlier comment of the block. Pure functions of (seed, id).
 */
import { drawKind, isHole, KIND, lifeEventsOf, type Kind, type TraitRates } from './item-traits';
import { unitOf } from './prng';

const BLOCK = 64;
const ARCHIVE_PARENT_SALT = 201;
const ARCHIVE_PARENT_SALT_2 = 202;

/** What the archive needs to know. */
export interface ArchiveOptions {
  readonly seed: number;
  readonly firstId: number;
  readonly startAt: number;
  /** the mean gap between ids (ms) */
  readonly gapMs: number;
  readonly rates: TraitRates;
}

/** One archived item: its frozen state. */
export interface ArchivedItem {
  readonly kind: Kind;
  readonly createdMs: number;
  readonly parent: number | null;
  readonly storyId: number | null;
  readonly deleted: boolean;
  readonly dead: boolean;
  readonly edits: number;
}

/** Whether `id` is an archive id (1 to `firstId - 1`). */
export function isArchiveId(options: ArchiveOptions, id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id < options.firstId;
}

/** The creation instant of an archive id. */
export function archiveCreatedMs(options: ArchiveOptions, id: number): number {
  return Math.floor(options.startAt - (options.firstId - id) * options.gapMs);
}

/** The kind of an archive id: a block's first id is its story; `KIND.hole` for an id that never existed. */
export function archiveKind(options: ArchiveOptions, id: number): Kind {
  if (id % BLOCK === 0) return KIND.story;
  if (isHole(options.seed, id, options.rates)) return KIND.hole;
  const kind = drawKind(options.seed, id);
  // polls need their options next to them: the archive has none; the first block has no story to answer
  return kind === KIND.poll || (kind === KIND.comment && id < BLOCK) ? KIND.story : kind;
}

/** The parent of an archived comment: the block's story, or an earlier comment of the block. */
function archiveParent(options: ArchiveOptions, id: number): number {
  const story = id - (id % BLOCK);
  if (unitOf(options.seed, ARCHIVE_PARENT_SALT, id) < 0.4) return story;
  const candidate = story + 1 + Math.floor(unitOf(options.seed, ARCHIVE_PARENT_SALT_2, id) * (id - story - 1));
  return candidate < id && archiveKind(options, candidate) === KIND.comment ? candidate : story;
}

/** The archived item of an id, or `null` for a hole or an id outside the archive. */
export function archivedItem(options: ArchiveOptions, id: number): ArchivedItem | null {
  if (!isArchiveId(options, id)) return null;
  const kind = archiveKind(options, id);
  if (kind === KIND.hole) return null;
  const comment = kind === KIND.comment;
  const life = lifeEventsOf(options.seed, id, kind, options.rates);
  return {
    kind,
    createdMs: archiveCreatedMs(options, id),
    parent: comment ? archiveParent(options, id) : null,
    storyId: comment ? id - (id % BLOCK) : kind === KIND.story ? id : null,
    deleted: life.deleteAfterMs !== null,
    dead: life.deadAfterMs !== null,
    edits: life.editAfterMs === null ? 0 : 1,
  };
}

/** Replies to an archived item, newest first (they are all in its block). */
export function archivedKids(options: ArchiveOptions, id: number): number[] {
  const kids: number[] = [];
  const end = Math.min(id - (id % BLOCK) + BLOCK, options.firstId);
  for (let other = end - 1; other > id; other--) {
    if (archiveKind(options, other) === KIND.comment && archiveParent(options, other) === id) kids.push(other);
  }
  return kids;
}

/** Live comments in an archived story's block. */
export function archivedDescendants(options: ArchiveOptions, storyId: number): number {
  let count = 0;
  const end = Math.min(storyId + BLOCK, options.firstId);
  for (let other = storyId + 1; other < end; other++) {
    const item = archiveKind(options, other) === KIND.comment ? archivedItem(options, other) : null;
    if (item !== null && !item.deleted && !item.dead) count++;
  }
  return count;
}
