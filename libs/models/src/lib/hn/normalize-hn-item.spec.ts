import { MAX_FUTURE_SKEW_MS } from '../limits';
import type { HnApiItem } from './hn-api-item';
import { isHnAbsent, normalizeHnItem, type HnNormalizeResult } from './normalize-hn-item';

const NOW = new Date('2026-11-30T12:00:00Z');
const NOW_S = NOW.getTime() / 1000;
const at = { now: NOW };

// Payloads as /v0/item/<id>.json answers them (ids, shapes and escaping of real items).
const STORY: HnApiItem = {
  by: 'dhouston',
  descendants: 71,
  id: 8863,
  kids: [8952, 9224, 8917],
  score: 104,
  time: 1175714200,
  title: 'My YC app: Dropbox - Throw away your USB drive',
  type: 'story',
  url: 'http://www.getdropbox.com/u/2/screencast.html',
};

const ASK_HN: HnApiItem = {
  by: 'tel',
  descendants: 16,
  id: 121003,
  kids: [121016, 121109],
  score: 25,
  text: '<i>or</i> HN: the Next Iteration<p>I get the impression that with Arc being released a lot of people who never had time for HN before are suddenly dropping in more often. (PG: what are the numbers on this? I&#x27;m envisioning a spike.)<p>Not to say that isn&#x27;t great, but I&#x27;m wary of Diggification.',
  time: 1203647620,
  title: 'Ask HN: The Arc Effect',
  type: 'story',
};

const COMMENT: HnApiItem = {
  by: 'norvig',
  id: 2921983,
  kids: [2922097, 2922429],
  parent: 2921506,
  text:
    'Aw shucks, guys ... you make me blush with your compliments.<p>Tell you what, I&#x27;ll make a deal: &quot;keep reading&quot; &amp; I&#x27;ll keep writing &gt; K?' +
    '<p>See <a href="https:&#x2F;&#x2F;norvig.com&#x2F;spell-correct.html" rel="nofollow">https:&#x2F;&#x2F;norvig.com&#x2F;spell-correct.html</a> or ' +
    '<a href="https:&#x2F;&#x2F;github.com&#x2F;norvig&#x2F;pytudes&#x2F;blob&#x2F;main&#x2F;ipynb&#x2F;Advent-2020.ipynb" rel="nofollow">https:&#x2F;&#x2F;github.com&#x2F;norvig&#x2F;pytudes&#x2F;blob&#x2F;main&#x2F;ipynb&#x2F;Adven...</a>:' +
    '<pre><code>  def words(text): return re.findall(r&#x27;\\w+&#x27;, text.lower())\n\n  WORDS = Counter(words(open(&#x27;big.txt&#x27;).read()))\n</code></pre>\nEnjoy.',
  time: 1314211127,
  type: 'comment',
};

const JOB: HnApiItem = {
  by: 'justin',
  id: 192327,
  score: 6,
  text: 'Justin.tv is the biggest live video site online. We serve hundreds of thousands of video streams a day.',
  time: 1210981217,
  title: 'Justin.tv is looking for a Lead Flash Engineer!',
  type: 'job',
  url: '',
};

const POLL: HnApiItem = {
  by: 'pg',
  descendants: 54,
  id: 126809,
  kids: [126822, 126823],
  parts: [126810, 126811, 126812],
  score: 46,
  text: '',
  time: 1204403652,
  title: 'Poll: What would happen if News.YC had explicit support for polls?',
  type: 'poll',
};

const POLLOPT: HnApiItem = {
  by: 'pg',
  id: 160705,
  poll: 160704,
  score: 335,
  text: 'Yes, ban them; I&#x27;m tired of seeing Valleywag stories on News.YC.',
  time: 1207886576,
  type: 'pollopt',
};

const DELETED_COMMENT = { deleted: true, id: 2921990, parent: 2921983, time: 1314211300, type: 'comment' };

function itemOf(result: HnNormalizeResult) {
  if (!result.ok) throw new Error(isHnAbsent(result) ? 'absent' : `rejected: ${result.reason}`);
  return result.item;
}

function rejection(result: HnNormalizeResult) {
  if (result.ok || isHnAbsent(result)) throw new Error(`not a rejection: ${JSON.stringify(result)}`);
  return result;
}

const story = (overrides: Record<string, unknown>) => ({ ...STORY, ...overrides });

describe('normalizeHnItem: the item types', () => {
  it('maps a link story to every column, and keeps the payload as raw', () => {
    expect(itemOf(normalizeHnItem(STORY, at))).toEqual({
      id: 8863,
      createdAt: new Date('2007-04-04T19:16:40Z'),
      type: 'story',
      author: 'dhouston',
      parentId: null,
      storyId: 8863,
      title: 'My YC app: Dropbox - Throw away your USB drive',
      body: null,
      url: 'http://www.getdropbox.com/u/2/screencast.html',
      score: 104,
      descendants: 71,
      dead: false,
      deleted: false,
      raw: STORY,
    });
  });

  it('stores the text of an Ask HN as plain text, and keeps the HTML in raw', () => {
    const item = itemOf(normalizeHnItem(ASK_HN, at));
    expect(item.body).toBe(
      'or HN: the Next Iteration\n\nI get the impression that with Arc being released a lot of people who never had time for HN before are suddenly dropping in more often. (PG: what are the numbers on this? I\'m envisioning a spike.)\n\nNot to say that isn\'t great, but I\'m wary of Diggification.',
    );
    expect(item).toMatchObject({ url: null, title: 'Ask HN: The Arc Effect', storyId: 121003 });
    expect(item.raw['text']).toBe(ASK_HN.text);
  });

  it('maps a comment: paragraphs, entities, links (a truncated one as its href) and code, its parent, no story yet', () => {
    const item = itemOf(normalizeHnItem(COMMENT, at));
    expect(item.body).toBe(
      [
        'Aw shucks, guys ... you make me blush with your compliments.',
        'Tell you what, I\'ll make a deal: "keep reading" & I\'ll keep writing > K?',
        'See https://norvig.com/spell-correct.html or https://github.com/norvig/pytudes/blob/main/ipynb/Advent-2020.ipynb:',
        "  def words(text): return re.findall(r'\\w+', text.lower())\n\n  WORDS = Counter(words(open('big.txt').read()))",
        'Enjoy.',
      ].join('\n\n'),
    );
    expect(item).toMatchObject({ type: 'comment', author: 'norvig', parentId: 2921506, storyId: null, title: null, score: null, descendants: null });
  });

  it('maps a job: its own story, an empty url as none', () => {
    expect(itemOf(normalizeHnItem(JOB, at))).toMatchObject({ type: 'job', storyId: 192327, url: null, score: 6, descendants: null });
  });

  it('maps a poll: its own story, empty text as no body, parts kept in raw', () => {
    const item = itemOf(normalizeHnItem(POLL, at));
    expect(item).toMatchObject({ type: 'poll', storyId: 126809, body: null, score: 46, descendants: 54 });
    expect(item.raw['parts']).toEqual([126810, 126811, 126812]);
  });

  it('maps a poll option: its poll is its story, it has no parent', () => {
    const item = itemOf(normalizeHnItem(POLLOPT, at));
    expect(item).toMatchObject({ type: 'pollopt', storyId: 160704, parentId: null, score: 335 });
    expect(item.body).toBe("Yes, ban them; I'm tired of seeing Valleywag stories on News.YC.");
  });

  it('leaves the story of a poll option without poll unknown', () => {
    expect(itemOf(normalizeHnItem({ ...POLLOPT, poll: undefined }, at)).storyId).toBeNull();
  });

  it('decodes entities in titles only (no tags there)', () => {
    expect(itemOf(normalizeHnItem(story({ title: 'Show HN: &quot;&lt;div&gt;&quot; isn&#x27;t R&amp;D, AT&T' }), at)).title).toBe(
      'Show HN: "<div>" isn\'t R&D, AT&T',
    );
  });
});

describe('normalizeHnItem: deleted and dead items', () => {
  it('keeps a deleted item with its id, type, time and parent, redacted', () => {
    expect(itemOf(normalizeHnItem(DELETED_COMMENT, at))).toEqual({
      id: 2921990,
      createdAt: new Date('2011-08-24T18:41:40Z'),
      type: 'comment',
      author: null,
      parentId: 2921983,
      storyId: null,
      title: null,
      body: null,
      url: null,
      score: null,
      descendants: null,
      dead: false,
      deleted: true,
      raw: DELETED_COMMENT,
    });
  });

  it('redacts a deleted item that still carries its author and text, in the columns and in raw', () => {
    const item = itemOf(normalizeHnItem({ ...STORY, text: 'secret<p>words', deleted: true }, at));
    expect(item).toMatchObject({ deleted: true, author: null, title: null, body: null, url: null, score: 104, descendants: 71, storyId: 8863 });
    expect(Object.keys(item.raw).sort()).toEqual(['deleted', 'descendants', 'id', 'kids', 'score', 'time', 'type']);
  });

  it('leaves the payload it was given untouched when redacting', () => {
    const payload = { ...STORY, text: 'secret', deleted: true };
    const before = structuredClone(payload);
    expect(itemOf(normalizeHnItem(payload, at)).raw).not.toHaveProperty('by');
    expect(payload).toEqual(before);
  });

  it('keeps the payload itself as raw when nothing needs repair, a repaired copy otherwise', () => {
    expect(itemOf(normalizeHnItem(STORY, at)).raw).toBe(STORY);
    const broken = { ...STORY, title: 'a\u0000b' };
    expect(itemOf(normalizeHnItem(broken, at)).raw).toEqual({ ...STORY, title: 'ab' });
    expect(broken.title).toBe('a\u0000b');
  });

  it('places a deleted item without time at now (so its deletion still reaches a stored row), and its raw says no time', () => {
    const item = itemOf(normalizeHnItem({ id: 2921991, deleted: true, type: 'comment', parent: 2921983 }, at));
    expect(item.createdAt).toEqual(NOW);
    expect(item.createdAt).not.toBe(NOW);
    expect(item.raw).not.toHaveProperty('time');
  });

  it('keeps a deleted item without type, with type null', () => {
    expect(itemOf(normalizeHnItem({ id: 2921992, deleted: true, time: 1314211400 }, at))).toMatchObject({ type: null, storyId: null, deleted: true });
  });

  it('keeps a dead item whole, marked dead', () => {
    const dead = { ...COMMENT, id: 2921995, dead: true, text: 'Buy cheap watches at <a href="http:&#x2F;&#x2F;spam.example">http:&#x2F;&#x2F;spam.example</a>' };
    expect(itemOf(normalizeHnItem(dead, at))).toMatchObject({ dead: true, deleted: false, author: 'norvig', body: 'Buy cheap watches at http://spam.example' });
  });

  it('redacts an item both dead and deleted, and keeps both flags', () => {
    expect(itemOf(normalizeHnItem({ ...COMMENT, dead: true, deleted: true }, at))).toMatchObject({ dead: true, deleted: true, author: null, body: null });
  });

  it('reads only true as a set flag', () => {
    expect(itemOf(normalizeHnItem(story({ dead: 'true', deleted: 1 }), at))).toMatchObject({ dead: false, deleted: false, author: 'dhouston' });
  });
});

describe('normalizeHnItem: null, the answer for an id without an item', () => {
  it('is absent, not a rejection', () => {
    const result = normalizeHnItem(null, at);
    expect(result).toEqual({ ok: false, absent: true });
    expect(isHnAbsent(result)).toBe(true);
  });

  it('tells a rejection and an item from absent', () => {
    expect(isHnAbsent(normalizeHnItem(undefined, at))).toBe(false);
    expect(isHnAbsent(normalizeHnItem(STORY, at))).toBe(false);
    expect(normalizeHnItem(undefined, at)).toEqual({ ok: false, id: null, reason: 'item is not an object (undefined)' });
  });
});

describe('normalizeHnItem: missing fields', () => {
  it('reads absent author, score, descendants, title, text and url as null', () => {
    const bare = { id: 8864, type: 'story', time: 1175714300 };
    expect(itemOf(normalizeHnItem(bare, at))).toMatchObject({ author: null, score: null, descendants: null, title: null, body: null, url: null, dead: false });
  });

  it('reads empty author, title and text as null', () => {
    expect(itemOf(normalizeHnItem(story({ by: '', title: '', text: '<p> ' }), at))).toMatchObject({ author: null, title: null, body: null });
  });

  it('reads null fields as absent', () => {
    expect(itemOf(normalizeHnItem(story({ by: null, score: null, parent: null, type: 'story' }), at))).toMatchObject({ author: null, score: null, parentId: null });
  });

  it('keeps a comment without parent (nothing to resolve its story from)', () => {
    expect(itemOf(normalizeHnItem({ ...COMMENT, parent: undefined }, at))).toMatchObject({ parentId: null, storyId: null });
  });

  it('rejects an item that is not deleted but has no type, or no time', () => {
    expect(normalizeHnItem({ ...STORY, type: undefined }, at)).toEqual({ ok: false, id: '8863', reason: 'type is missing' });
    expect(normalizeHnItem({ ...STORY, time: undefined }, at)).toEqual({ ok: false, id: '8863', reason: 'time is missing' });
  });

  it('keeps unknown keys in raw', () => {
    expect(itemOf(normalizeHnItem(story({ flagged: { by: 'mod' } }), at)).raw['flagged']).toEqual({ by: 'mod' });
  });
});

describe('normalizeHnItem: time', () => {
  it('reads time as Unix seconds, to the nearest millisecond', () => {
    expect(itemOf(normalizeHnItem(story({ time: 1700000000.5 }), at)).createdAt.toISOString()).toBe('2023-11-14T22:13:20.500Z');
    expect(itemOf(normalizeHnItem(story({ time: 1700000000.0006 }), at)).createdAt.toISOString()).toBe('2023-11-14T22:13:20.001Z');
  });

  it('accepts an item created a little after now (clock skew) but not further', () => {
    expect(normalizeHnItem(story({ time: NOW_S + MAX_FUTURE_SKEW_MS / 1000 }), at).ok).toBe(true);
    expect(rejection(normalizeHnItem(story({ time: NOW_S + MAX_FUTURE_SKEW_MS / 1000 + 1 }), at))).toEqual({
      ok: false,
      id: '8863',
      reason: 'time 2026-11-30T12:05:01.000Z is in the future (more than 5 minutes after 2026-11-30T12:00:00.000Z)',
    });
  });

  it('rejects a deleted item from the future too', () => {
    expect(rejection(normalizeHnItem({ ...DELETED_COMMENT, time: NOW_S + 3600 }, at)).reason).toMatch(/^time .* is in the future/);
  });

  it.each([
    ['milliseconds', 1175714200000, /^time is not a plausible epoch/],
    ['before item 1', 1160418110, /^time is not a plausible epoch/],
    ['item 1 itself', 1160418111, null],
    ['a string', '1175714200', /^time is not a number/],
  ])('checks time given as %s', (_kind, time, reason) => {
    const result = normalizeHnItem(story({ time }), at);
    if (reason === null) expect(result.ok).toBe(true);
    else expect(rejection(result).reason).toMatch(reason);
  });
});

describe('normalizeHnItem: counts', () => {
  it('keeps counts at the ends of the 32-bit range, and truncates a fraction', () => {
    expect(itemOf(normalizeHnItem(story({ score: -2_147_483_648, descendants: 2_147_483_647 }), at))).toMatchObject({ score: -2_147_483_648, descendants: 2_147_483_647 });
    expect(itemOf(normalizeHnItem(story({ score: 12.9 }), at)).score).toBe(12);
  });

  it.each([
    [{ score: 2_147_483_648 }, /^score is outside the storable range/],
    [{ descendants: -2_147_483_649 }, /^descendants is outside the storable range/],
    [{ score: 1e300 }, /^score is outside the storable range/],
    [{ score: Number.NaN }, /^score is not a number/],
    [{ score: Number.POSITIVE_INFINITY }, /^score is not a number/],
    [{ descendants: '71' }, /^descendants is not a number/],
  ])('rejects %p', (overrides, reason) => {
    expect(rejection(normalizeHnItem(story(overrides), at))).toMatchObject({ id: '8863', reason: expect.stringMatching(reason) });
  });
});

describe('normalizeHnItem: ids, types and shapes', () => {
  it.each([
    [{ id: undefined }, 'id is missing'],
    [{ id: 0 }, 'id is not a positive safe integer'],
    [{ id: -8863 }, 'id is not a positive safe integer'],
    [{ id: 8863.5 }, 'id is not a positive safe integer'],
    [{ id: 2 ** 53 }, 'id is not a positive safe integer'],
    [{ id: '8863' }, 'id is not a number'],
  ])('rejects %p without an id', (overrides, reason) => {
    expect(normalizeHnItem(story(overrides), at)).toEqual({ ok: false, id: null, reason });
  });

  it('accepts the largest safe integer as an id', () => {
    expect(itemOf(normalizeHnItem(story({ id: Number.MAX_SAFE_INTEGER }), at)).id).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [{ type: 'link' }, 'type "link" is not one of story, comment, job, poll, pollopt'],
    [{ type: 'STORY' }, 'type "STORY" is not one of story, comment, job, poll, pollopt'],
    [{ type: 7 }, 'type number is not one of story, comment, job, poll, pollopt'],
    [{ type: 'x'.repeat(500) }, `type "${'x'.repeat(20)}" is not one of story, comment, job, poll, pollopt`],
    [{ title: 42 }, 'title is not a string'],
    [{ text: ['a'] }, 'text is not a string'],
    [{ url: {} }, 'url is not a string'],
    [{ by: 1 }, 'by is not a string'],
    [{ parent: 0 }, 'parent is not a positive safe integer'],
    [{ poll: '160704' }, 'poll is not a number'],
  ])('rejects %p with its id and the reason', (overrides, reason) => {
    expect(normalizeHnItem(story(overrides), at)).toEqual({ ok: false, id: '8863', reason });
  });

  it('rejects what is not an object', () => {
    expect(normalizeHnItem('8863', at)).toEqual({ ok: false, id: null, reason: 'item is not an object (string)' });
    expect(normalizeHnItem([STORY], at)).toEqual({ ok: false, id: null, reason: 'item is not an object (an array)' });
  });
});

describe('normalizeHnItem: storable text', () => {
  it('replaces lone UTF-16 surrogates with U+FFFD in every text column and in raw', () => {
    const item = itemOf(normalizeHnItem(story({ by: 'a\ud83d', title: 'T \ud83d\ude00 \udc00', text: 'x\ud800<p>y', url: 'http://e.example/\udfff', extra: { k: '\ud83d' } }), at));
    expect(item).toMatchObject({ author: 'a\ufffd', title: 'T 😀 \ufffd', body: 'x\ufffd\n\ny', url: 'http://e.example/\ufffd' });
    expect(item.raw).toMatchObject({ by: 'a\ufffd', text: 'x\ufffd<p>y', extra: { k: '\ufffd' } });
    expect(JSON.stringify(item.raw)).not.toMatch(/\\ud[89a-f]/i);
  });

  it('removes NUL from every text column and from raw', () => {
    const item = itemOf(normalizeHnItem(story({ by: 'a\u0000b', title: 'c\u0000d', text: '<i>e\u0000f</i>', url: 'http://g\u0000h.example' }), at));
    expect(item).toMatchObject({ author: 'ab', title: 'cd', body: 'ef', url: 'http://gh.example' });
    expect(item.raw).toMatchObject({ by: 'ab', title: 'cd', text: '<i>ef</i>' });
  });

  it('repairs a lone surrogate in the href that replaces a truncated link', () => {
    expect(itemOf(normalizeHnItem(story({ text: '<a href="https://e.example/\ud83dabc">https://e.example/...</a>' }), at)).body).toBe('https://e.example/\ufffdabc');
  });

  it('leaves no NUL or lone surrogate that entities decode to', () => {
    const item = itemOf(normalizeHnItem(story({ title: 'a&#0;b&#xD83D;c', text: 'd&#0;e&#xDC00;f' }), at));
    expect(item).toMatchObject({ title: 'a\ufffdb\ufffdc', body: 'd\ufffde\ufffdf' });
  });

  it('keeps long text whole', () => {
    expect(itemOf(normalizeHnItem(story({ text: 'y'.repeat(100_000) }), at)).body).toHaveLength(100_000);
  });
});
