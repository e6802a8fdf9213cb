/**
 * Text as Hacker News serves it: `text` is HTML whose first paragraph is bare and every later one
 * starts with `<p>` (never closed); `'`, `"`, `/`, `&`, `<` and `>` are entities (`&#x27;`,
 * `&quot;`, `&#x2F;`, `&amp;`, `&lt;`, `&gt;`); links are `<a href="..." rel="nofollow">` with the
 * URL as their text; `<i>` for emphasis; code in `<pre><code>`. Titles and URLs are plain text.
 * Each generator returns the HTML and the plain text it stands for, built side by side.
 */
import { chance, intBetween, pick, type Random } from './prng';

/** An item's text: the HTML the API serves and the plain text it reads as. */
export interface ItemText {
  readonly html: string;
  readonly plain: string;
}

/** HN's title limit. */
export const MAX_TITLE_LENGTH = 80;

const WORDS = [
  'the', 'a', 'this', 'that', 'we', 'you', 'it', 'is', 'was', 'not', 'just', 'really', 'about', 'with', 'from',
  'compiler', 'database', 'latency', 'startup', 'kernel', 'browser', 'rust', 'postgres', 'model', 'paper',
  'benchmark', 'cache', 'queue', 'license', 'funding', 'remote', 'hiring', 'editor', 'protocol', 'thread',
  'memory', 'index', 'deploy', 'outage', 'privacy', 'battery', 'open', 'source', 'fast', 'slow', 'simple',
];

/** Words that need entities, or that break naive pipelines (non-ASCII, astral characters). */
const SPICES = [
  "it's", "don't", '"quoted"', 'a & b', 'x < y', 'y > x', 'and/or', 'naïve', 'café', '日本語', '🚀', '—', '“smart”', 'C++', 'A/B',
];

const DOMAINS = ['example.com', 'blog.example.org', 'news.example.net', 'research.example.edu', 'code.example.dev'];
const COMPANIES = ['Acme', 'Initech', 'Hooli', 'Globex', 'Umbrella', 'Vandelay', 'Soylent', 'Stark'];

/** HN's escaping of text: the five XML entities plus `/` (`&#x2F;`). */
export function escapeHn(text: string): string {
  return text.replace(/[&<>"'/]/g, (c) => ENTITIES[c] ?? c);
}

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' };

/** Cuts `text` to `max` UTF-16 units without splitting a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Plain words: a sentence of `count` words, capitalised, with a spice now and then. */
function sentence(random: Random, count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(chance(random, 0.08) ? pick(random, SPICES) : pick(random, WORDS));
  const text = parts.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/** A URL, plain (`&` and `/` raw): what `url` holds and what a link's text reads. */
export function makeUrl(random: Random): string {
  const path = `${pick(random, WORDS)}-${pick(random, WORDS)}-${intBetween(random, 1, 9999)}`;
  const query = chance(random, 0.3) ? `?id=${intBetween(random, 1, 999)}&ref=hn` : '';
  return `https://${pick(random, DOMAINS)}/${path}${query}`;
}

/** One paragraph: HTML and plain. */
function paragraph(random: Random): ItemText {
  const roll = random();
  if (roll < 0.06) {
    const quoted = sentence(random, intBetween(random, 4, 12));
    return { html: escapeHn(`> ${quoted}`), plain: `> ${quoted}` };
  }
  if (roll < 0.08) {
    const lines = Array.from({ length: intBetween(random, 1, 4) }, () => `  ${pick(random, WORDS)}(${pick(random, WORDS)}) -> "${pick(random, WORDS)}";`);
    return { html: `<pre><code>${escapeHn(lines.join('\n'))}\n</code></pre>`, plain: lines.join('\n') };
  }
  const html: string[] = [];
  const plain: string[] = [];
  const sentences = intBetween(random, 1, 3);
  for (let i = 0; i < sentences; i++) {
    const text = sentence(random, intBetween(random, 4, 18));
    html.push(escapeHn(text));
    plain.push(text);
    if (chance(random, 0.1)) {
      const url = makeUrl(random);
      html.push(`<a href="${escapeHn(url)}" rel="nofollow">${escapeHn(url)}</a>`);
      plain.push(url);
    } else if (chance(random, 0.08)) {
      const word = pick(random, WORDS);
      html.push(`<i>${escapeHn(word)}</i>`);
      plain.push(word);
    }
  }
  return { html: html.join(' '), plain: plain.join(' ') };
}

/** Paragraphs joined HN's way: `<p>` before every paragraph but the first. */
function joinParagraphs(paragraphs: readonly ItemText[]): ItemText {
  return { html: paragraphs.map((p) => p.html).join('<p>'), plain: paragraphs.map((p) => p.plain).join('\n\n') };
}

/** A comment or an Ask HN text: one paragraph usually, up to eight. */
export function makeText(random: Random): ItemText {
  const count = chance(random, 0.5) ? 1 : intBetween(random, 2, chance(random, 0.1) ? 8 : 4);
  return joinParagraphs(Array.from({ length: count }, () => paragraph(random)));
}

/** The paragraph an author adds when editing a text. */
export function withEditNote(text: ItemText, random: Random): ItemText {
  const note = `Edit: ${sentence(random, intBetween(random, 3, 10))}`;
  return joinParagraphs([text, { html: escapeHn(note), plain: note }]);
}

/** A story title, plain text: `Show HN: `/`Ask HN: ` for those forms. */
export function makeTitle(random: Random, form: 'link' | 'ask' | 'show' | 'poll'): string {
  const prefix = form === 'ask' ? 'Ask HN: ' : form === 'show' ? 'Show HN: ' : form === 'poll' ? 'Poll: ' : '';
  const body = sentence(random, intBetween(random, 3, 12)).slice(0, -1);
  const suffix = form === 'ask' || form === 'poll' ? '?' : '';
  return `${truncate(`${prefix}${body}`, MAX_TITLE_LENGTH - suffix.length).trimEnd()}${suffix}`;
}

/** A job title, plain text. */
export function makeJobTitle(random: Random): string {
  const batch = `${pick(random, ['W', 'S'])}${intBetween(random, 10, 25)}`;
  return `${pick(random, COMPANIES)} (YC ${batch}) is hiring a ${pick(random, WORDS)} engineer`;
}

/** A poll option's text (HTML). */
export function makeOptionText(random: Random): ItemText {
  const text = sentence(random, intBetween(random, 1, 5));
  return { html: escapeHn(text), plain: text };
}

/** A user name as HN allows (letters, digits, `_`, `-`; case-sensitive), unique per index. */
export function makeUsername(index: number): string {
  const word = WORDS[index % WORDS.length] ?? 'user';
  const cased = index % 3 === 0 ? `${word.charAt(0).toUpperCase()}${word.slice(1)}` : word;
  return `${cased}${index % 2 === 0 ? '_' : '-'}${index.toString(36)}`;
}
