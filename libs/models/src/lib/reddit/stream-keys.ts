/**
 * The keys of the live Reddit scraper's streams in scrape_checkpoints and scrape_gaps: `new:a+b+c`
 * (a group's posts, `/r/a+b+c/new`) and `comments:a+b+c` (its comments). The scraper writes them;
 * its gap healer and the archive importer read them back to know which subreddits a gap covers.
 */
export type RedditStreamKind = 'submissions' | 'comments';

const PREFIX: Readonly<Record<RedditStreamKind, string>> = { submissions: 'new', comments: 'comments' };
const KEY = /^(new|comments):([A-Za-z0-9_]+(?:\+[A-Za-z0-9_]+)*)$/;

/** The key of a stream of `kind` over these subreddits (sorted, so a group always has the same key). */
export function redditStreamKey(kind: RedditStreamKind, subreddits: readonly string[]): string {
  return `${PREFIX[kind]}:${[...subreddits].sort().join('+')}`;
}

/** What a stream lists, and over which subreddits (as written in its key). */
export interface RedditStream {
  readonly kind: RedditStreamKind;
  readonly subreddits: readonly string[];
}

/** The stream a key names; null for any other stream. */
export function parseRedditStreamKey(stream: string): RedditStream | null {
  const match = KEY.exec(stream);
  if (!match) return null;
  return { kind: match[1] === 'new' ? 'submissions' : 'comments', subreddits: (match[2] as string).split('+') };
}
