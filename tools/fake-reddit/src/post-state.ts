import { engagementAt, type Engagement } from './engagement';
import type { RemovedByCategory } from './fake-reddit.types';
import type { GeneratedPost } from './post-generator';

// module-level aliases: global lookups are slow in hot code under Jest's vm context (see prng.ts)
const { floor } = Math;

/** What a post shows at one instant: its text after edits and removals, and its engagement. */
export interface PostState {
  readonly selftext: string;
  readonly author: string;
  /** `null`: the key is absent, as for deleted authors */
  readonly authorFullname: string | null;
  readonly edited: false | number;
  readonly removedByCategory: RemovedByCategory | null;
  readonly engagement: Engagement;
}

/** Reddit's markers for text that is gone (docs/design-notes.md, "Reddit API rules"). */
export const DELETED = '[deleted]';
export const REMOVED = '[removed]';

/** The state of `post` at `nowMs`: life events happen at their seeded age, engagement follows its curve. */
export function postStateAt(post: GeneratedPost, nowMs: number): PostState {
  const { traits } = post;
  const age = (nowMs - post.createdMs) / 1000;
  const happened = (after: number | null): boolean => after !== null && age >= after;
  const edited = happened(traits.editAfterSeconds) ? floor(post.createdMs / 1000) + (traits.editAfterSeconds ?? 0) : false;
  const engagement = engagementAt(traits, age, post.id);
  if (happened(traits.deleteAfterSeconds)) {
    // a deleted link post keeps its empty selftext; only text is replaced by the marker
    const selftext = traits.isSelf ? DELETED : '';
    return { selftext, author: DELETED, authorFullname: null, edited, removedByCategory: 'deleted', engagement };
  }
  const author = { author: traits.author, authorFullname: traits.authorFullname };
  if (happened(traits.removeAfterSeconds)) {
    return { selftext: traits.isSelf ? REMOVED : '', ...author, edited, removedByCategory: 'moderator', engagement };
  }
  const selftext = edited === false ? traits.selftext : traits.selftext + traits.editNote;
  return { selftext, ...author, edited, removedByCategory: null, engagement };
}
