/** What the raw bytes of a line say about its subreddit, before any decoding or JSON.parse. */
export type PrefilterVerdict = 'match' | 'skip' | 'undecided';

/** `"subreddit"` as a key (a value string cannot hold an unescaped quote, so this is never inside one). */
const KEY = Buffer.from('"subreddit"', 'latin1');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

/**
 * Decides from the raw UTF-8 bytes of a line whether it belongs to one of `subreddits` (lower-case),
 * without decoding or parsing it: most lines of a month belong to other subreddits, and turning them
 * into strings and objects is the cost of an import. Every `"subreddit": "<name>"` pair of the line is
 * read (nested objects such as crosspost parents have one too); when they all agree the line is a
 * match or a skip, case-insensitively. It is `undecided` (the caller parses it) when there is no such
 * pair, a value is not a plain string (null, escapes) or the pairs disagree. An empty set matches
 * every line. Pure.
 */
export function prefilterSubreddit(line: Buffer, subreddits: ReadonlySet<string>): PrefilterVerdict {
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
function stringValueAfterKey(line: Buffer, from: number): string | null | undefined {
  let i = skipSpace(line, from);
  if (line[i] !== COLON) return undefined;
  i = skipSpace(line, i + 1);
  if (line[i] !== QUOTE) return null;
  const end = line.indexOf(QUOTE, i + 1);
  if (end < 0) return null;
  // an escape before the closing quote: only a parser reads it (a search of the whole line would
  // cost a scan of the rest of it for every line)
  for (let j = i + 1; j < end; j++) if (line[j] === BACKSLASH) return null;
  return line.toString('utf8', i + 1, end);
}

function skipSpace(line: Buffer, i: number): number {
  while (i < line.length && isJsonSpace(line[i] as number)) i++;
  return i;
}

/** JSON's whitespace: space, tab, CR, LF. */
export function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d || byte === 0x0a;
}

/** The check after parsing (the authority): the object's own `subreddit`, case-insensitively. */
export function subredditMatches(payload: Readonly<Record<string, unknown>>, subreddits: ReadonlySet<string>): boolean {
  if (subreddits.size === 0) return true;
  const value = payload['subreddit'];
  return typeof value === 'string' && subreddits.has(value.toLowerCase());
}
