import type { BenchKind } from './archive-bench-options';

/**
 * The generated dump of the archive-import benchmark: deterministic lines shaped like Pushshift /
 * Arctic Shift monthly files, with the drift between their years and the traps a real file holds.
 * Pure: no I/O, the same seed gives the same bytes.
 */

/** The subreddits of the ~5% scenario: ~5% of the lines, in the cases the dumps mix. */
export const TARGET_SUBREDDITS: readonly string[] = ['wallstreetbets', 'stocks', 'investing', 'options', 'StockMarket'];
/** Share of the lines in {@link TARGET_SUBREDDITS}. */
export const TARGET_SHARE = 0.05;

/** Rates of the traps, per line. */
export const TRAP_RATES = Object.freeze({
  blank: 0.001,
  notJson: 0.001,
  jsonArray: 0.0005,
  loneSurrogate: 0.005,
  nullScore: 0.02,
  edited: 0.1,
  removed: 0.05,
});

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the market stock price today just bought calls puts earnings report week moon rocket hold long short ' +
  'company shares buy sell dip tendies yolo loss gain portfolio dividend index fund bond rate fed inflation ' +
  'question what why how does anyone know think about this that really good bad new old year month time ' +
  'people post thread daily discussion help advice first second update edit thanks chart analysis volume ' +
  'option strike expiry premium theta delta gamma squeeze short interest float retail hedge broker app'
).split(' ');

const CASES: readonly ((s: string) => string)[] = [(s) => s, (s) => s.toLowerCase(), (s) => s.toUpperCase(), (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase()];

/** Jan 2023, 00:00 UTC: the month of the generated dump. */
export const MONTH_START = 1672531200;
const MONTH_SECONDS = 31 * 86400;

/** One generated line and what the import should do with it. */
export interface GeneratedLine {
  /** the text, without its newline */
  readonly text: string;
  /** a valid item: stored by a run that wants its subreddit */
  readonly valid: boolean;
  /** in {@link TARGET_SUBREDDITS} */
  readonly target: boolean;
}

/** What a whole dump holds. */
export interface DumpTally {
  lines: number;
  bytes: number;
  valid: number;
  validTarget: number;
  rejected: number;
}

/** Generates a dump's lines one by one: `${kind}` items with sizes, drift and traps as real files have. */
export class DumpGenerator {
  private readonly random: () => number;
  private readonly others: readonly string[];
  private index = 0;

  constructor(
    private readonly kind: BenchKind,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    const others: string[] = [];
    for (let i = 0; i < 3000; i++) others.push(`${this.word()}${this.word()}${i % 7 === 0 ? i : ''}`.slice(0, 21));
    // none may collide with a target (case-insensitively)
    const targets = new Set(TARGET_SUBREDDITS.map((s) => s.toLowerCase()));
    this.others = others.map((name) => (targets.has(name.toLowerCase()) ? `${name}x` : name));
  }

  /** The next line; `truncated` cuts it in half (the dump's last line). */
  next(truncated = false): GeneratedLine {
    const i = this.index++;
    const r = this.random();
    if (!truncated) {
      if (r < TRAP_RATES.blank) return { text: '', valid: false, target: false };
      if (r < TRAP_RATES.blank + TRAP_RATES.notJson) return { text: `upstream error at record ${i}: connection reset, retrying`, valid: false, target: false };
      if (r < TRAP_RATES.blank + TRAP_RATES.notJson + TRAP_RATES.jsonArray) return { text: JSON.stringify(['t3', i, 'not an object']), valid: false, target: false };
    }
    const target = this.random() < TARGET_SHARE;
    const subreddit = target ? this.pick(CASES)(this.pick(TARGET_SUBREDDITS)) : this.others[Math.floor(this.others.length * this.random() ** 3)] as string;
    const item = this.kind === 'submissions' ? this.submission(i, subreddit) : this.comment(i, subreddit);
    const text = JSON.stringify(item);
    if (truncated) return { text: text.slice(0, Math.floor(text.length / 2)), valid: false, target };
    return { text, valid: true, target };
  }

  private submission(i: number, subreddit: string): Record<string, unknown> {
    const id = (0x6a0000 + i).toString(36);
    const created = MONTH_START + Math.floor((i * 7) % MONTH_SECONDS);
    const removed = this.random() < TRAP_RATES.removed;
    const author = removed ? '[deleted]' : `${this.word()}_${this.word()}${i % 1000}`;
    const title = this.sentence(4 + Math.floor(this.random() * 12));
    const base: Record<string, unknown> = {
      all_awardings: [],
      allow_live_comments: false,
      archived: false,
      author,
      author_flair_css_class: null,
      author_flair_text: this.random() < 0.2 ? this.word() : null,
      author_fullname: removed ? undefined : `t2_${(i * 31).toString(36)}`,
      can_mod_post: false,
      contest_mode: false,
      created_utc: this.epochDrift(created),
      domain: `self.${subreddit}`,
      edited: this.edited(created),
      gilded: 0,
      id,
      is_crosspostable: true,
      is_self: true,
      is_video: false,
      link_flair_text: this.random() < 0.3 ? 'Discussion' : null,
      locked: false,
      media_only: false,
      name: `t3_${id}`,
      no_follow: this.random() < 0.5,
      num_comments: Math.floor(this.random() * 200),
      num_crossposts: 0,
      over_18: false,
      permalink: `/r/${subreddit}/comments/${id}/${title.split(' ').slice(0, 5).join('_').toLowerCase()}/`,
      pinned: false,
      ...this.retrieved(created),
      score: this.score(),
      send_replies: true,
      spoiler: false,
      stickied: false,
      subreddit,
      subreddit_id: `t5_${(subreddit.length * 7919).toString(36)}`,
      subreddit_subscribers: 100000 + Math.floor(this.random() * 1e6),
      subreddit_type: 'public',
      thumbnail: 'self',
      title,
      total_awards_received: 0,
      upvote_ratio: Math.round(this.random() * 100) / 100,
      url: `https://www.reddit.com/r/${subreddit}/comments/${id}/`,
    };
    this.removedByCategory(base, removed);
    const size = 1000 + Math.floor(this.random() * 500);
    base['selftext'] = removed ? '[removed]' : this.text(Math.max(20, size - JSON.stringify(base).length - 14));
    return base;
  }

  private comment(i: number, subreddit: string): Record<string, unknown> {
    const id = (0x3a00000 + i).toString(36);
    const post = (0x6a0000 + Math.floor(i / 20)).toString(36);
    const created = MONTH_START + Math.floor((i * 3) % MONTH_SECONDS);
    const removed = this.random() < TRAP_RATES.removed;
    const base: Record<string, unknown> = {
      all_awardings: [],
      archived: false,
      author: removed ? '[deleted]' : `${this.word()}_${this.word()}${i % 1000}`,
      author_flair_text: this.random() < 0.2 ? this.word() : null,
      author_fullname: removed ? undefined : `t2_${(i * 31).toString(36)}`,
      controversiality: 0,
      created_utc: this.epochDrift(created),
      distinguished: null,
      edited: this.edited(created),
      gilded: 0,
      id,
      is_submitter: this.random() < 0.1,
      link_id: `t3_${post}`,
      locked: false,
      name: `t1_${id}`,
      no_follow: true,
      parent_id: i % 3 === 0 ? `t3_${post}` : `t1_${(0x3a00000 + i - 1).toString(36)}`,
      permalink: `/r/${subreddit}/comments/${post}/_/${id}/`,
      ...this.retrieved(created),
      score: this.score(),
      send_replies: true,
      stickied: false,
      subreddit,
      subreddit_id: `t5_${(subreddit.length * 7919).toString(36)}`,
      subreddit_type: 'public',
      total_awards_received: 0,
    };
    this.removedByCategory(base, removed);
    const size = 500 + Math.floor(this.random() * 500);
    base['body'] = removed ? '[removed]' : this.text(Math.max(10, size - JSON.stringify(base).length - 10));
    return base;
  }

  /** created_utc as an int, a float or a numeric string, as the dumps' years differ. */
  private epochDrift(seconds: number): unknown {
    const form = this.random();
    if (form < 0.4) return seconds;
    if (form < 0.7) return seconds + 0.0;
    return form < 0.85 ? String(seconds) : `${seconds}.0`;
  }

  /** edited: false, or the time of the edit (int or float). */
  private edited(created: number): unknown {
    if (this.random() >= TRAP_RATES.edited) return false;
    const at = created + 60 + Math.floor(this.random() * 3600);
    return this.random() < 0.5 ? at : at + 0.25;
  }

  /** retrieved_on (older dumps) or retrieved_utc (newer ones). */
  private retrieved(created: number): Record<string, number> {
    const at = created + 86400 + Math.floor(this.random() * 86400);
    return this.random() < 0.5 ? { retrieved_on: at } : { retrieved_utc: at };
  }

  private score(): number | null {
    return this.random() < TRAP_RATES.nullScore ? null : Math.floor(this.random() * 500) - 5;
  }

  /** removed_by_category: absent (older dumps), null, or why when removed. */
  private removedByCategory(item: Record<string, unknown>, removed: boolean): void {
    if (removed) item['removed_by_category'] = this.random() < 0.5 ? 'moderator' : 'deleted';
    else if (this.random() < 0.4) item['removed_by_category'] = null;
  }

  private text(length: number): string {
    let out = '';
    while (out.length < length) {
      out += this.sentence(6 + Math.floor(this.random() * 14));
      out += this.random() < 0.2 ? '\n\n' : ' ';
    }
    out = out.slice(0, length);
    // a lone high surrogate, as some dumps hold (JSON.stringify writes it as \ud83d)
    if (this.random() < TRAP_RATES.loneSurrogate) out = `${out.slice(0, length >> 1)}\ud83d${out.slice(length >> 1)}`;
    return out;
  }

  private sentence(words: number): string {
    const parts: string[] = [];
    for (let w = 0; w < words; w++) parts.push(this.word());
    const text = parts.join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  }

  private word(): string {
    return this.pick(WORDS);
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)] as T;
  }
}

/**
 * The dump in chunks of about `chunkBytes` (UTF-8 text, lines joined by `\n`), until `totalBytes`;
 * its last line is truncated (no newline). `tally` is filled in as the chunks are taken.
 */
export function* dumpChunks(generator: DumpGenerator, totalBytes: number, tally: DumpTally, chunkBytes = 1 << 20): Generator<string> {
  let chunk = '';
  let chunkLength = 0;
  for (;;) {
    const last = tally.bytes + 1600 >= totalBytes;
    const line = generator.next(last);
    const bytes = Buffer.byteLength(line.text) + (last ? 0 : 1);
    tally.lines++;
    tally.bytes += bytes;
    if (line.valid) {
      tally.valid++;
      if (line.target) tally.validTarget++;
    } else tally.rejected++;
    chunk += last ? line.text : `${line.text}\n`;
    chunkLength += bytes;
    if (last) break;
    if (chunkLength >= chunkBytes) {
      yield chunk;
      chunk = '';
      chunkLength = 0;
    }
  }
  if (chunk !== '') yield chunk;
}
