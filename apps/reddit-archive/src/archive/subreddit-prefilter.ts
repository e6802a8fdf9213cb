/** What the raw text of a line says about its subreddit, before any JSON.parse. */
export type PrefilterVerdict = 'match' | 'skip' | 'undecided';

/** `"subreddit"` as a key (a value string cannot hold an unescaped quote, so this is never inside one). */
const KEY = '"subreddit"';

/**
 * Decides from the raw line whether it belongs to one of `subreddits` (lower-case), without parsing
 * it: most lines of a month belong to other subreddits, and parsing them is the cost of an import.
 * Every `"subreddit": "<name>"` pair of the line is read (nested objects such as crosspost parents
 * have one too); when they all agree the line is a match or a skip, case-insensitively. It is
 * `undecided` (the caller parses it) when there is no such pair, a value is not a plain string
 * (null, escapes) or the pairs disagree. An empty set matches every line. Pure.
 */
export function prefilterSubreddit(line: string, subreddits: ReadonlySet<string>): PrefilterVerdict {
  if (subreddits.size === 0) return 'match';
  let found: string | null = null;
  let from = 0;
  for (;;) {
    const at = line.indexOf(KEY, from);
    if (at < 0) break;
    from = at + KEY.length;
    const value = stringValueAfterKey(line, from);
    if (value === undefined) continue; // the text "subreddit" but not a key (e.g. an array element)
    if (value === null) return 'undecided';
    const lower = value.toLowerCase();
    if (found !== null && found !== lower) return 'undecided';
    found = lower;
  }
  if (found === null) return 'undecided';
  return subreddits.has(found) ? 'match' : 'skip';
}

/**
 * The plain string value after a key ending at `from`: `undefined` when no `:` follows (not a key),
 * `null` when the value is not a plain string (another type, or escapes that only a parser reads).
 */
function stringValueAfterKey(line: string, from: number): string | null | undefined {
  let i = skipSpace(line, from);
  if (line[i] !== ':') return undefined;
  i = skipSpace(line, i + 1);
  if (line[i] !== '"') return null;
  const end = line.indexOf('"', i + 1);
  if (end < 0) return null;
  const value = line.slice(i + 1, end);
  if (value.includes('\\')) return null;
  return value;
}

function skipSpace(line: string, i: number): number {
  while (i < line.length && (line[i] === ' ' || line[i] === '\t' || line[i] === '\r' || line[i] === '\n')) i++;
  return i;
}

/** The check after parsing (the authority): the object's own `subreddit`, case-insensitively. */
export function subredditMatches(payload: Readonly<Record<string, unknown>>, subreddits: ReadonlySet<string>): boolean {
  if (subreddits.size === 0) return true;
  const value = payload['subreddit'];
  return typeof value === 'string' && subreddits.has(value.toLowerCase());
}
