import { decodeHTMLStrict } from 'entities';
import { Parser } from 'htmlparser2';

/**
 * Hacker News text to plain text. The API's `text` is the HTML HN renders
 * (https://news.ycombinator.com/formatdoc): paragraphs separated by `<p>`, `<i>` for emphasis, URLs
 * auto-linked as `<a href="…" rel="nofollow">`, indented code as `<pre><code>`, and every `'`, `"`,
 * `/`, `<`, `>`, `&` as an entity. htmlparser2 tokenises it and decodes the entities; this file only
 * decides the layout.
 */

/** Block-level tags: each ends the paragraph before it and starts a new one. */
const BLOCK_TAGS = new Set(['p', 'div', 'blockquote', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'hr']);

/** HTML's white space, which a browser collapses to one space outside `<pre>`. */
const HTML_SPACE = /[ \t\n\r\f]+/g;

/** HN shortens the visible text of a long URL and appends `...` (the href keeps it whole). */
const TRUNCATION_MARK = /(\.\.\.|…)$/;

/**
 * Converts HN's `text` HTML to plain text: paragraphs (`<p>`) separated by one blank line, white
 * space collapsed as a browser shows it, `<pre>` content kept verbatim as its own block (indentation
 * and inner blank lines; not the newlines that end it), `<br>` as a line break, other tags dropped
 * with their text kept, entities decoded. A link is its visible text, except that a visible text HN
 * truncated (`https://example.com/a-long-pa...`) becomes the full href it abbreviates: the reader of
 * plain text cannot follow the link, and the author wrote the whole URL.
 */
export function hnHtmlToText(html: string): string {
  const layout = new PlainTextLayout();
  const parser = new Parser(
    {
      onopentag: (name, attributes) => layout.open(name, attributes),
      onclosetag: (name) => layout.close(name),
      ontext: (text) => layout.text(text),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return layout.result();
}

/**
 * Converts HN's `title` to plain text: titles carry no tags, only entities, so only `&name;` and
 * `&#…;` are decoded. Strict decoding: an `&` not followed by a complete entity stays as written
 * (`AT&T`, `&copy 2024`), since a title is typed as text, not markup.
 */
export function hnTitleToText(title: string): string {
  return decodeHTMLStrict(title);
}

/** Collects text into paragraph and `<pre>` blocks as the parser reports tags and text. */
class PlainTextLayout {
  private readonly blocks: string[] = [];
  private paragraph = '';
  /** the open `<pre>` block's text; `null` outside one */
  private pre: string | null = null;
  private link: { readonly href: string | null; text: string } | null = null;

  open(name: string, attributes: Record<string, string>): void {
    if (name === 'pre' && this.pre === null) {
      this.endParagraph();
      this.pre = '';
    } else if (name === 'a' && this.link === null) {
      this.link = { href: attributes['href'] ?? null, text: '' };
    } else if (name === 'br') {
      this.append('\n', { verbatim: true });
    } else if (BLOCK_TAGS.has(name) && this.pre === null) {
      this.endParagraph();
    }
  }

  close(name: string): void {
    if (name === 'a' && this.link !== null) {
      const { href, text } = this.link;
      this.link = null;
      this.append(linkText(text, href));
    } else if (name === 'pre' && this.pre !== null) {
      this.endPre(this.pre);
    } else if (BLOCK_TAGS.has(name) && this.pre === null) {
      this.endParagraph();
    }
  }

  text(text: string): void {
    if (this.link !== null) this.link.text += text;
    else this.append(text);
  }

  /** The text, once the parser has ended (which closes every element still open). */
  result(): string {
    this.endParagraph();
    return this.blocks.join('\n\n');
  }

  /** Adds text to the open block: verbatim in `<pre>` (or when told), else with white space collapsed. */
  private append(text: string, { verbatim = false } = {}): void {
    if (this.pre !== null) this.pre += text;
    else this.paragraph += verbatim ? text : text.replace(HTML_SPACE, ' ');
  }

  private endParagraph(): void {
    // the only newlines left are line breaks (`<br>`): trim the spaces around them
    const text = this.paragraph.split('\n').map((line) => line.trim()).join('\n').trim();
    this.paragraph = '';
    if (text !== '') this.blocks.push(text);
  }

  private endPre(pre: string): void {
    // An HTML parser drops one newline right after `<pre>`; the newlines before `</pre>` only end it.
    const text = pre.replace(/^\r?\n/, '').replace(/[\r\n]+$/, '');
    this.pre = null;
    if (text.trim() !== '') this.blocks.push(text);
  }
}

/** A link's plain text: its visible text, or the href when the visible text is HN's truncation of it. */
function linkText(visible: string, href: string | null): string {
  const shown = visible.trim();
  const stem = shown.replace(TRUNCATION_MARK, '');
  if (href !== null && stem !== shown && stem !== '' && href.startsWith(stem)) return href;
  return visible;
}
