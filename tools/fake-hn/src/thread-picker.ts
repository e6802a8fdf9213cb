import { NONE } from './item-table';

/** Recent threads new comments reply to. */
const STORY_RING = 512;
const COMMENT_RING = 4096;
/** Share of new comments that answer the story itself rather than another comment. */
const TOP_LEVEL_SHARE = 0.35;

/**
 * Picks the parent of each new comment among recent stories (and polls) and recent comments,
 * favouring the newest, so that threads grow under fresh stories and old threads go quiet.
 * Pure given the draws: the same draws over the same history pick the same parent.
 */
export class ThreadPicker {
  private readonly stories = new Int32Array(STORY_RING);
  private readonly comments = new Int32Array(COMMENT_RING);
  private storyCount = 0;
  private commentCount = 0;

  addStory(row: number): void {
    this.stories[this.storyCount++ % STORY_RING] = row;
  }

  addComment(row: number): void {
    this.comments[this.commentCount++ % COMMENT_RING] = row;
  }

  /**
   * The parent row for a new comment from two uniform draws, skipping closed rows (deleted or
   * dead: HN takes no replies there); `NONE` when no open story is known yet.
   */
  pick(u1: number, u2: number, isOpen: (row: number) => boolean, rootOf: (row: number) => number): number {
    if (u1 >= TOP_LEVEL_SHARE && this.commentCount > 0) {
      const comment = recent(this.comments, this.commentCount, COMMENT_RING, u2);
      if (isOpen(comment)) return comment;
      const root = rootOf(comment);
      if (root !== NONE && isOpen(root)) return root;
    }
    if (this.storyCount === 0) return NONE;
    const story = recent(this.stories, this.storyCount, STORY_RING, u2);
    if (isOpen(story)) return story;
    // the newest open story
    const known = Math.min(this.storyCount, STORY_RING);
    for (let back = 1; back <= known; back++) {
      const row = this.stories[(this.storyCount - back) % STORY_RING] ?? NONE;
      if (isOpen(row)) return row;
    }
    return NONE;
  }
}

/** An entry of a ring, the newest most likely (`u` squared leans towards 0 = newest). */
function recent(ring: Int32Array, count: number, size: number, u: number): number {
  const known = Math.min(count, size);
  const back = Math.floor(u * u * known);
  return ring[(count - 1 - back) % size] ?? NONE;
}
