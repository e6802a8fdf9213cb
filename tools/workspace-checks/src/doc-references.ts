/**
 * Pure helpers of self-contained-docs.spec.ts: what a file refers to (notes kept outside the
 * repository, markdown links, citations of docs/design-notes.md by heading). No I/O.
 */

/**
 * Names of the team's private notes, which live outside the repository. Built from parts so that this
 * file, and a grep for them, does not find them here.
 */
export const FORBIDDEN_REFERENCES: readonly string[] = Object.freeze([
  ['DESIGN', 'md'].join('.'),
  ['STYLE', 'md'].join('.'),
  ['..', 'shared'].join('/'),
]);

/**
 * The one place outside the repository it may name: the team's sibling vendor folder, where
 * tools/local-timescaledb finds TimescaleDB's full upstream source (issue 12). Not notes: a tarball.
 */
export const ALLOWED_OUTSIDE_REFERENCES: readonly string[] = Object.freeze([`${['..', 'shared'].join('/')}/vendor/timescaledb-`]);

/** The file whose headings comments cite by name: the path, a comma, then the heading in double quotes. */
export const DESIGN_NOTES = 'docs/design-notes.md';

/** One finding in a text, with its 1-based line. */
export interface Located<T> {
  readonly line: number;
  readonly value: T;
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** Every occurrence of a forbidden reference in `text`. */
export function findForbiddenReferences(text: string): Located<string>[] {
  const found: Located<string>[] = [];
  for (const reference of FORBIDDEN_REFERENCES) {
    for (let at = text.indexOf(reference); at !== -1; at = text.indexOf(reference, at + 1)) {
      if (ALLOWED_OUTSIDE_REFERENCES.some((allowed) => text.startsWith(allowed, at))) continue;
      found.push({ line: lineOf(text, at), value: reference });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** `markdown` with fenced code blocks and inline code spans blanked out, line numbers kept. */
export function stripCode(markdown: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return markdown
    .replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?(^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)[^`\n]*?\1/g, blank);
}

/** The targets of the inline links, images and link reference definitions of `markdown`. */
export function markdownLinks(markdown: string): Located<string>[] {
  const text = stripCode(markdown);
  const found: Located<string>[] = [];
  const inline = /!?\[[^\]\n]*\]\(\s*(<[^>\n]*>|[^)\s]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
  const definition = /^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm;
  for (const pattern of [inline, definition]) {
    for (const match of text.matchAll(pattern)) {
      const raw = match[1] ?? '';
      found.push({ line: lineOf(text, match.index ?? 0), value: raw.replace(/^<|>$/g, '') });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** A link target inside the repository, split into path and anchor; null for URLs and mail. */
export function splitTarget(target: string): { path: string; anchor: string | null } | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) return null;
  const hash = target.indexOf('#');
  const path = hash === -1 ? target : target.slice(0, hash);
  const anchor = hash === -1 ? null : target.slice(hash + 1);
  return { path: decodeURIComponent(path), anchor: anchor === null ? null : decodeURIComponent(anchor) };
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, each space a hyphen. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The texts of the ATX headings of `markdown` (outside code blocks), in order. */
export function headings(markdown: string): string[] {
  const fenceless = markdown.replace(/^ {0,3}(```|~~~)[^\n]*\n[\s\S]*?(^ {0,3}\1[^\n]*$|(?![\s\S]))/gm, '');
  return [...fenceless.matchAll(/^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/gm)].map((m) => m[1] ?? '');
}

/** The anchors a markdown file offers: its headings' slugs (repeats numbered as GitHub does), and HTML ids. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const heading of headings(markdown)) {
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) result.add(match[1] ?? '');
  return result;
}

/** The headings of {@link DESIGN_NOTES} that `text` cites (path, comma, heading in double quotes). */
export function designNoteCitations(text: string): Located<string>[] {
  const pattern = new RegExp(`${DESIGN_NOTES.replace(/[.]/g, '\\.')},\\s*"([^"\\n]+)"`, 'g');
  return [...text.matchAll(pattern)].map((m) => ({ line: lineOf(text, m.index ?? 0), value: m[1] ?? '' }));
}
