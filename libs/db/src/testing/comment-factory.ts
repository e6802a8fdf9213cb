import type { RedditComment } from '@sentiment-ingest/models';

/**
 * A realistic Reddit comment for tests: a reply to the post `makeSubmission(postIndex)` (top level)
 * unless `overrides.parentId` says otherwise. `raw` is rebuilt from the result so the two agree
 * (unless `overrides` give `rawJson`, which then holds the payload, as an archive line's does).
 */
export function makeRedditComment(index: number, overrides: Partial<RedditComment> = {}, postIndex = 1): RedditComment {
  const id = (60_000_000 + index).toString(36);
  const linkId = (1_000_000 + postIndex).toString(36);
  const base: Omit<RedditComment, 'raw'> = {
    id,
    createdUtc: new Date(Date.UTC(2017, 10, 1) + index * 11_000),
    subreddit: `sub${postIndex % 50}`,
    subredditId: `t5_${(postIndex % 50).toString(36)}`,
    linkId,
    parentId: `t3_${linkId}`,
    author: `commenter_${index % 311}`,
    authorFullname: `t2_${(index % 311).toString(36)}`,
    body: `Comment ${index}: I agree, mostly.`,
    score: index % 50,
    editedAt: null,
    removedByCategory: null,
    distinguished: null,
    stickied: false,
    ...overrides,
  };
  return { ...base, raw: overrides.raw ?? (overrides.rawJson === undefined ? toRawPayload(base) : undefined) };
}

function toRawPayload(c: Omit<RedditComment, 'raw'>): Record<string, unknown> {
  return {
    id: c.id,
    name: `t1_${c.id}`,
    subreddit: c.subreddit,
    subreddit_id: c.subredditId,
    link_id: `t3_${c.linkId}`,
    parent_id: c.parentId,
    author: c.author,
    author_fullname: c.authorFullname,
    body: c.body,
    score: c.score,
    created_utc: c.createdUtc.getTime() / 1000,
    edited: c.editedAt ? c.editedAt.getTime() / 1000 : false,
    removed_by_category: c.removedByCategory,
    distinguished: c.distinguished,
    stickied: c.stickied,
    gilded: 0,
  };
}
