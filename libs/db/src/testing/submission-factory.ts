import type { Submission } from '@sentiment-ingest/models';

/**
 * A realistic submission for tests and benchmarks (~1 KB with its raw payload, as Reddit sends it).
 * `overrides` replace fields; `raw` is rebuilt from the result so the two agree (unless `overrides` give
 * `rawJson`, which then holds the payload, as an archive line's does).
 */
export function makeSubmission(index: number, overrides: Partial<Submission> = {}): Submission {
  const id = (1_000_000 + index).toString(36);
  const createdUtc = overrides.createdUtc ?? new Date(Date.UTC(2026, 10, 1) + index * 37_000);
  const base: Omit<Submission, 'raw'> = {
    id,
    createdUtc,
    subreddit: `sub${index % 50}`,
    subredditId: `t5_${(index % 50).toString(36)}`,
    author: `user_${index % 997}`,
    authorFullname: `t2_${(index % 997).toString(36)}`,
    title: `Post ${index}: what do you think about the thing that happened today?`,
    selftext: `Body of post ${index}. `.repeat(12),
    url: `https://www.reddit.com/r/sub${index % 50}/comments/${id}/post_${index}/`,
    permalink: `/r/sub${index % 50}/comments/${id}/post_${index}/`,
    domain: `self.sub${index % 50}`,
    isSelf: true,
    over18: false,
    spoiler: false,
    stickied: false,
    locked: false,
    linkFlairText: index % 3 === 0 ? 'Discussion' : null,
    distinguished: null,
    score: index % 1000,
    numComments: index % 120,
    upvoteRatio: 0.9,
    editedAt: null,
    removedByCategory: null,
    ...overrides,
  };
  return { ...base, raw: overrides.raw ?? (overrides.rawJson === undefined ? toRawPayload(base) : undefined) };
}

function toRawPayload(s: Omit<Submission, 'raw'>): Record<string, unknown> {
  return {
    id: s.id,
    name: `t3_${s.id}`,
    subreddit: s.subreddit,
    subreddit_id: s.subredditId,
    author: s.author,
    author_fullname: s.authorFullname,
    title: s.title,
    selftext: s.selftext,
    url: s.url,
    permalink: s.permalink,
    domain: s.domain,
    created_utc: s.createdUtc.getTime() / 1000,
    score: s.score,
    ups: s.score,
    num_comments: s.numComments,
    upvote_ratio: s.upvoteRatio,
    over_18: s.over18,
    is_self: s.isSelf,
    link_flair_text: s.linkFlairText,
    edited: s.editedAt ? s.editedAt.getTime() / 1000 : false,
    removed_by_category: s.removedByCategory,
    thumbnail: 'self',
    gilded: 0,
    archived: false,
    send_replies: true,
  };
}
