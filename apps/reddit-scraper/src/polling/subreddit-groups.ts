import { redditStreamKey } from '@sentiment-ingest/models';

/** Reddit subreddit names: 3-21 letters, digits or underscores (a few old ones have 2). */
const SUBREDDIT_NAME = /^[A-Za-z0-9][A-Za-z0-9_]{1,20}$/;

/** Parses `REDDIT_SUBREDDITS`: comma- or space-separated, `r/` prefixes allowed, case-insensitive, deduplicated. */
export function parseSubredditList(value: string): { subreddits: string[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const token of value.split(/[\s,]+/)) {
    const name = token.trim().replace(/^\/?r\//i, '');
    if (name === '') continue;
    if (!SUBREDDIT_NAME.test(name)) {
      problems.push(`"${name}" is not a subreddit name (letters, digits and _, up to 21 characters)`);
      continue;
    }
    seen.add(name.toLowerCase());
  }
  if (seen.size === 0 && problems.length === 0) problems.push('lists no subreddit, e.g. news,worldnews,askreddit');
  return { subreddits: [...seen].sort(), problems };
}

/** One polled stream: a group of subreddits fetched together as `/r/a+b+c/new`. */
export interface StreamGroup {
  /** stable key of the stream in `scrape_checkpoints` */
  readonly stream: string;
  readonly subreddits: readonly string[];
}

/**
 * Cuts the sorted subreddits into `a+b+c` groups of at most `perRequest`, so many subreddits cost few
 * requests (one listing request per group per poll). Sorted input keeps stream keys stable.
 */
export function groupSubreddits(subreddits: readonly string[], perRequest: number): StreamGroup[] {
  const sorted = [...new Set(subreddits.map((s) => s.toLowerCase()))].sort();
  const groups: StreamGroup[] = [];
  for (let i = 0; i < sorted.length; i += perRequest) {
    const members = sorted.slice(i, i + perRequest);
    groups.push({ stream: streamKey(members), subreddits: members });
  }
  return groups;
}

/** The checkpoint key of the comments stream (`/r/a+b/comments`) over these subreddits: `comments:a+b`. */
export function commentsStreamKey(subreddits: readonly string[]): string {
  return redditStreamKey('comments', subreddits);
}

/** The checkpoint key of a stream of `/new` over these subreddits. */
export function streamKey(subreddits: readonly string[]): string {
  return redditStreamKey('submissions', subreddits);
}
