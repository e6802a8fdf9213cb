import { hnHtmlToText, hnTitleToText } from './hn-html';

describe('hnHtmlToText', () => {
  it('decodes the entities HN escapes text with', () => {
    expect(hnHtmlToText('It&#x27;s &quot;fine&quot;: 1 &lt; 2 &gt; 0 &amp; a&#x2F;b')).toBe('It\'s "fine": 1 < 2 > 0 & a/b');
  });

  it('separates paragraphs with one blank line; the first paragraph has no <p>', () => {
    expect(hnHtmlToText('First paragraph.<p>Second one.<p>Third.')).toBe('First paragraph.\n\nSecond one.\n\nThird.');
  });

  it('reads closed <p> elements the same way, and empty paragraphs add no blank lines', () => {
    expect(hnHtmlToText('<p>One</p><p></p><p> </p><p>Two</p>')).toBe('One\n\nTwo');
  });

  it('collapses white space outside <pre> as a browser shows it', () => {
    expect(hnHtmlToText('  a \n  b\t\tc  <p>  d  ')).toBe('a b c\n\nd');
  });

  it('keeps <pre><code> verbatim as its own block: indentation, inner blank lines, decoded entities', () => {
    const html = 'Try this:<pre><code>  if (a &lt; b) {\n    print(&quot;x&quot;)\n\n  }\n</code></pre>It works.';
    expect(hnHtmlToText(html)).toBe('Try this:\n\n  if (a < b) {\n    print("x")\n\n  }\n\nIt works.');
  });

  it('drops the newline right after <pre> and those before </pre>, which only frame the block', () => {
    expect(hnHtmlToText('<pre><code>\n  code\n\n</code></pre>')).toBe('  code');
  });

  it('drops a <pre> block of white space only', () => {
    expect(hnHtmlToText('a<pre><code>\n  \n</code></pre>b')).toBe('a\n\nb');
  });

  it('keeps a <pre> block that is still open at the end', () => {
    expect(hnHtmlToText('a<pre><code>  x  y')).toBe('a\n\n  x  y');
  });

  it('does not restart a <pre> block at a nested <pre>', () => {
    expect(hnHtmlToText('<pre>a<pre>b</pre>c')).toBe('ab\n\nc');
  });

  it('does not end a paragraph at a <p> inside <pre>', () => {
    expect(hnHtmlToText('<pre>a<p>b</pre>')).toBe('ab');
  });

  it('writes a link as its visible text', () => {
    const html = 'See <a href="https:&#x2F;&#x2F;github.com&#x2F;HackerNews&#x2F;API" rel="nofollow">https:&#x2F;&#x2F;github.com&#x2F;HackerNews&#x2F;API</a> now';
    expect(hnHtmlToText(html)).toBe('See https://github.com/HackerNews/API now');
  });

  it('writes the full href instead of a visible text HN truncated with ...', () => {
    const href = 'https:&#x2F;&#x2F;www.example.com&#x2F;2026&#x2F;11&#x2F;a-rather-long-article-title-that-hn-shortens.html';
    const html = `Read <a href="${href}" rel="nofollow">https:&#x2F;&#x2F;www.example.com&#x2F;2026&#x2F;11&#x2F;a-rather-long-arti...</a>.`;
    expect(hnHtmlToText(html)).toBe('Read https://www.example.com/2026/11/a-rather-long-article-title-that-hn-shortens.html.');
  });

  it('also reads … (U+2026) as a truncation mark', () => {
    expect(hnHtmlToText('<a href="https://example.com/abcdef">https://example.com/ab…</a>')).toBe('https://example.com/abcdef');
  });

  it('keeps visible text ending in ... that does not abbreviate the href', () => {
    expect(hnHtmlToText('<a href="https://example.com/abc">wait for it...</a>')).toBe('wait for it...');
    expect(hnHtmlToText('<a href="https://example.com/abc">...</a>')).toBe('...');
  });

  it('keeps visible text that is a prefix of the href but not truncated', () => {
    expect(hnHtmlToText('<a href="https://example.com/page">https://example.com</a>')).toBe('https://example.com');
  });

  it('keeps visible text that differs from the href, and a link without href', () => {
    expect(hnHtmlToText('<a href="https://example.com/">the site</a>')).toBe('the site');
    expect(hnHtmlToText('<a>anchor...</a>')).toBe('anchor...');
  });

  it('keeps a link still open at the end', () => {
    expect(hnHtmlToText('go <a href="https://example.com/abcdef">https://example.com/ab...')).toBe('go https://example.com/abcdef');
  });

  it('keeps the text of inline tags and drops the tags', () => {
    expect(hnHtmlToText('This is <i>really</i> <b>it</b>')).toBe('This is really it');
  });

  it('writes <br> as a line break without the spaces around it', () => {
    expect(hnHtmlToText('line one <br> line two<br/>three')).toBe('line one\nline two\nthree');
  });

  it('ends a paragraph at other block tags', () => {
    expect(hnHtmlToText('a<div>b</div>c')).toBe('a\n\nb\n\nc');
  });

  it('gives an empty string for empty or tag-only text', () => {
    expect(hnHtmlToText('')).toBe('');
    expect(hnHtmlToText('<p><i> </i>')).toBe('');
  });
});

describe('hnTitleToText', () => {
  it('decodes complete entities', () => {
    expect(hnTitleToText('Don&#x27;t &quot;optimise&quot; R&amp;D')).toBe('Don\'t "optimise" R&D');
  });

  it('leaves an & without a complete entity, and tags, as written', () => {
    expect(hnTitleToText('AT&T &copy 2024: <div> is not a tag here')).toBe('AT&T &copy 2024: <div> is not a tag here');
  });
});
