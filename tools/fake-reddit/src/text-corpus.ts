import { chance, intBetween, pick, type Random } from './prng';

/** Reddit's title limit, in UTF-16 units (title <= 300 chars). */
export const MAX_TITLE_LENGTH = 300;

/** Reddit's selftext limit. */
export const MAX_SELFTEXT_LENGTH = 40_000;

const WORDS = [
  'market', 'election', 'rates', 'storm', 'vaccine', 'startup', 'league', 'budget', 'strike', 'launch',
  'report', 'climate', 'court', 'housing', 'energy', 'trade', 'summit', 'merger', 'outage', 'festival',
  'city', 'council', 'study', 'record', 'crash', 'rally', 'tax', 'border', 'school', 'hospital',
  'the', 'a', 'new', 'after', 'before', 'why', 'how', 'what', 'says', 'just', 'really', 'first', 'my', 'our',
];

/** Fragments that Reddit escapes without `raw_json=1`, and characters that break naive pipelines. */
const SPICES = ['&', 'Q&A', '<3', '->', 'x > y', 'a < b', '"quoted"', "it's", '🚀', '😂', '🇺🇦', 'naïve', '日本', '&amp;'];

const LINK_DOMAINS = ['example-news.com', 'i.imgur.example', 'youtube.example', 'blog.example.org', 'data.example.net'];

const FLAIRS = ['News', 'Discussion', 'Question', 'Politics', 'Opinion', 'Serious', 'Meta'];

/** Cuts `text` to `max` UTF-16 units without splitting an emoji's surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** A sentence of `words` random words, capitalised. */
function sentence(random: Random, words: number): string {
  const parts: string[] = [];
  for (let i = 0; i < words; i++) parts.push(chance(random, 0.1) ? pick(random, SPICES) : pick(random, WORDS));
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A title: usually short, sometimes exactly at the 300-character limit. */
export function makeTitle(random: Random): string {
  const title = sentence(random, intBetween(random, 3, 16));
  if (!chance(random, 0.03)) return truncate(title, MAX_TITLE_LENGTH);
  let long = title;
  while (long.length < MAX_TITLE_LENGTH) long += ` ${sentence(random, 8)}`;
  return truncate(long, MAX_TITLE_LENGTH);
}

/** A self post's body: a line or a few paragraphs, rarely tens of kilobytes, rarely with a NUL. */
export function makeSelftext(random: Random): string {
  const paragraphs = chance(random, 0.02) ? intBetween(random, 150, 400) : intBetween(random, 1, 6);
  const body: string[] = [];
  for (let i = 0; i < paragraphs; i++) body.push(sentence(random, intBetween(random, 6, 40)));
  let text = body.join('\n\n');
  // PostgreSQL text cannot hold NUL: the scraper must strip it
  if (chance(random, 0.02)) text += ' nul:\u0000:end';
  return truncate(text, MAX_SELFTEXT_LENGTH);
}

/** The line appended when an author edits a post. */
export function makeEditNote(random: Random): string {
  return `\n\nEDIT: ${sentence(random, intBetween(random, 3, 12))}`;
}

/** An external link: URL and domain (`&` in the query, which Reddit escapes as `&amp;`). */
export function makeLink(random: Random, id: string): { url: string; domain: string } {
  const domain = pick(random, LINK_DOMAINS);
  return { url: `https://${domain}/story/${id}?utm_source=reddit&ref=${intBetween(random, 1, 999)}`, domain };
}

/** A flair, or `null` as most posts have none. */
export function makeFlair(random: Random): string | null {
  return chance(random, 0.6) ? null : pick(random, FLAIRS);
}

/** A plausible username. */
export function makeUsername(random: Random): string {
  const name = `${pick(random, ['Throwaway', 'Curious', 'Old', 'Quiet', 'Big', 'Not'])}_${pick(random, WORDS)}`;
  return `${name}${intBetween(random, 1, 9999)}`;
}

/** The URL slug Reddit puts in permalinks: lowercase words, at most 50 characters. */
export function slugOf(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 50)
    .replace(/_+$/, '');
  return slug === '' ? 'post' : slug;
}
