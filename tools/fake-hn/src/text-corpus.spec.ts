import { mulberry32 } from './prng';
import { escapeHn, makeJobTitle, makeText, makeTitle, makeUsername, MAX_TITLE_LENGTH, withEditNote } from './text-corpus';

/** A decoder of exactly the HTML the corpus writes, to check that html and plain agree. */
function decode(html: string): string {
  return html
    .split('<p>')
    .map((paragraph) =>
      paragraph
        .replace(/<pre><code>([\s\S]*?)\n<\/code><\/pre>/g, '$1')
        .replace(/<a href="[^"]*" rel="nofollow">([^<]*)<\/a>/g, '$1')
        .replace(/<\/?i>/g, ''),
    )
    .join('\n\n')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x2F;/g, '/')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

describe('text corpus', () => {
  it("escapes as HN does: &#x27; for ', &#x2F; for /, and the XML entities", () => {
    expect(escapeHn(`it's "a/b" <x> & y`)).toBe('it&#x27;s &quot;a&#x2F;b&quot; &lt;x&gt; &amp; y');
  });

  it('writes HTML whose later paragraphs start with <p>, never closed, and whose plain text it decodes to', () => {
    const random = mulberry32(1);
    const texts = Array.from({ length: 2000 }, () => makeText(random));
    for (const text of texts) {
      expect(decode(text.html)).toBe(text.plain);
      expect(text.html).not.toMatch(/<\/p>|\n\n/);
      expect(text.html.split('<p>').length).toBe(text.plain.split('\n\n').length);
    }
    const all = texts.map((t) => t.html).join('\n');
    for (const feature of ['<p>', '&#x27;', '&quot;', '&gt;', '&amp;', '&#x2F;', '<a href="https:&#x2F;&#x2F;', ' rel="nofollow">', '<i>', '<pre><code>']) {
      expect(all).toContain(feature);
    }
    expect([...all].some((c) => c.charCodeAt(0) > 0x7f)).toBe(true);
  });

  it('adds an edit note as a new paragraph', () => {
    const text = makeText(mulberry32(2));
    const edited = withEditNote(text, mulberry32(3));
    expect(edited.html.startsWith(`${text.html}<p>Edit: `)).toBe(true);
    expect(edited.plain.startsWith(`${text.plain}\n\nEdit: `)).toBe(true);
  });

  it('writes plain titles within 80 characters, with the Ask HN and Show HN prefixes', () => {
    const random = mulberry32(4);
    expect(makeTitle(random, 'ask')).toMatch(/^Ask HN: .+\?$/);
    expect(makeTitle(random, 'show')).toMatch(/^Show HN: /);
    expect(makeTitle(random, 'poll')).toMatch(/^Poll: .+\?$/);
    expect(makeJobTitle(random)).toMatch(/\(YC [WS]\d\d\) is hiring/);
    for (let i = 0; i < 500; i++) expect(makeTitle(random, 'link').length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
  });

  it('names users uniquely with the characters HN allows', () => {
    const names = Array.from({ length: 20_000 }, (_, i) => makeUsername(i));
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((name) => /^[A-Za-z0-9_-]{2,15}$/.test(name))).toBe(true);
  });
});
