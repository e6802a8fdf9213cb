import { MAX_FUTURE_SKEW_MS } from '../limits';
import { sourcePayloadOf } from '../source-payload';
import { normalizeT1, normalizeT1Thing, type NormalizeT1Result } from './normalize-t1';

const NOW = new Date('2026-11-30T12:00:00Z');
const keep = { redactDeleted: false, now: NOW };
const redact = { redactDeleted: true, now: NOW };

/** A comment line as an Arctic Shift dump holds it (a bare `data` object). */
function t1(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'c0ffee1',
    created_utc: 1764403200,
    subreddit: 'news',
    subreddit_id: 't5_2qh3l',
    link_id: 't3_abc123',
    parent_id: 't1_c0ffee0',
    author: 'someone',
    author_fullname: 't2_xyz',
    body: 'I agree & <b>',
    score: 5,
    controversiality: 0,
    edited: false,
    removed_by_category: null,
    distinguished: null,
    stickied: false,
    retrieved_on: 1764410000,
    ...overrides,
  };
}

function commentOf(result: NormalizeT1Result) {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.comment;
}

describe('normalizeT1', () => {
  it('maps a dump line to a comment', () => {
    expect(commentOf(normalizeT1(t1(), keep))).toEqual({
      id: 'c0ffee1',
      createdUtc: new Date('2025-11-29T08:00:00Z'),
      subreddit: 'news',
      subredditId: 't5_2qh3l',
      linkId: 'abc123',
      parentId: 't1_c0ffee0',
      author: 'someone',
      authorFullname: 't2_xyz',
      body: 'I agree & <b>',
      score: 5,
      editedAt: null,
      removedByCategory: null,
      distinguished: null,
      stickied: false,
      raw: t1(),
    });
  });

  it('strips the t3_ prefix of link_id and keeps parent_id as Reddit gives it', () => {
    const top = commentOf(normalizeT1(t1({ parent_id: 't3_abc123' }), keep));
    expect(top).toMatchObject({ linkId: 'abc123', parentId: 't3_abc123' });
    expect(top.raw?.['link_id']).toBe('t3_abc123');
    expect(commentOf(normalizeT1(t1({ link_id: 'abc123' }), keep)).linkId).toBe('abc123');
  });

  it.each([
    ['a float', 1764403200.5, '2025-11-29T08:00:00.500Z'],
    ['an int', 1764403200, '2025-11-29T08:00:00.000Z'],
    ['a numeric string (2014–2015 dumps)', '1420070400', '2015-01-01T00:00:00.000Z'],
    ['a float string', '1420070400.25', '2015-01-01T00:00:00.250Z'],
  ])('reads created_utc given as %s', (_kind, value, iso) => {
    expect(commentOf(normalizeT1(t1({ created_utc: value }), keep)).createdUtc.toISOString()).toBe(iso);
  });

  it.each([
    ['false', false, null],
    ['true (edited, time unknown)', true, null],
    ['absent', undefined, null],
    ['an int', 1764406800, '2025-11-29T09:00:00.000Z'],
    ['a float', 1764406800.25, '2025-11-29T09:00:00.250Z'],
    ['a numeric string', '1764406800', '2025-11-29T09:00:00.000Z'],
    ['an implausible time', 1e20, null],
  ])('reads edited given as %s', (_kind, value, iso) => {
    expect(commentOf(normalizeT1(t1({ edited: value }), keep)).editedAt?.toISOString() ?? null).toBe(iso);
  });

  it('keeps a null or absent score unknown (null), never 0', () => {
    const nullScore = commentOf(normalizeT1(t1({ score: null }), keep));
    expect(nullScore.score).toBeNull();
    expect(nullScore.raw?.['score']).toBeNull();
    expect(commentOf(normalizeT1(t1({ score: undefined }), keep)).score).toBeNull();
    expect(commentOf(normalizeT1(t1({ score: 0 }), keep)).score).toBe(0);
    expect(commentOf(normalizeT1(t1({ score: -4 }), keep)).score).toBe(-4);
    expect(commentOf(normalizeT1(t1({ score: '12' }), keep)).score).toBe(12);
  });

  it('reads fields older dumps lack (removed_by_category, author_fullname, distinguished, stickied) as null or false', () => {
    const old = t1({ removed_by_category: undefined, author_fullname: undefined, distinguished: undefined, stickied: undefined });
    expect(commentOf(normalizeT1(old, keep))).toMatchObject({
      removedByCategory: null,
      authorFullname: null,
      distinguished: null,
      stickied: false,
    });
  });

  it('keeps retrieved_on and retrieved_utc in raw', () => {
    expect(commentOf(normalizeT1(t1({ retrieved_on: undefined, retrieved_utc: 1764410000 }), keep)).raw).toMatchObject({ retrieved_utc: 1764410000 });
  });

  it('accepts a [deleted] author without author_fullname, and drops the fullname of a deleted author', () => {
    expect(commentOf(normalizeT1(t1({ author: '[deleted]', author_fullname: undefined }), keep))).toMatchObject({ author: '[deleted]', authorFullname: null });
    expect(commentOf(normalizeT1(t1({ author: '[deleted]' }), keep)).authorFullname).toBeNull();
    expect(commentOf(normalizeT1(t1({ author: '' }), keep)).author).toBe('[deleted]');
  });

  it('replaces a lone UTF-16 surrogate (which jsonb rejects) with U+FFFD, in the body and in raw', () => {
    // parsed from the JSON text a dump holds, escape and all
    const line = JSON.stringify(t1({ body: 'PLACEHOLDER', extra: { note: 'PLACEHOLDER2' } }))
      .replace('PLACEHOLDER2', 'x \\udc00 y')
      .replace('PLACEHOLDER', 'smile \\ud83d then \\ud83d\\ude00');
    const c = commentOf(normalizeT1(JSON.parse(line), keep));
    expect(c.body).toBe('smile \ufffd then 😀');
    expect(c.raw?.['body']).toBe('smile \ufffd then 😀');
    expect(c.raw?.['extra']).toEqual({ note: 'x \ufffd y' });
    expect(JSON.stringify(c.raw)).not.toMatch(/\\ud[89a-f]/i);
  });

  it('replaces lone surrogates in the other text columns and in keys of raw', () => {
    const c = commentOf(normalizeT1(t1({ author: 'a\ud800', distinguished: '\udfff', ['k\ud83d']: 1 }), keep));
    expect(c).toMatchObject({ author: 'a\ufffd', distinguished: '\ufffd' });
    expect(c.raw?.['k\ufffd']).toBe(1);
  });

  it('removes NUL from the body and from raw', () => {
    const c = commentOf(normalizeT1(t1({ body: 'a\u0000b', nested: ['c\u0000d'] }), keep));
    expect(c.body).toBe('ab');
    expect(c.raw).toMatchObject({ body: 'ab', nested: ['cd'] });
    expect(JSON.stringify(c.raw)).not.toContain('\\u0000');
  });

  it('keeps the payload itself as raw when nothing needs repair (no copy)', () => {
    const payload = t1({ body: 'smile \ud83d\ude00' });
    expect(commentOf(normalizeT1(payload, keep)).raw).toBe(payload);
  });

  it('holds the text given as rawJson, in place of raw, only when raw would be the payload parsed from it (not redacted, nothing repaired)', () => {
    const text = JSON.stringify(t1());
    const kept = commentOf(normalizeT1(JSON.parse(text), { ...redact, rawJson: text }));
    expect(kept.rawJson).toBe(text);
    expect(kept.raw).toBeUndefined();
    expect(sourcePayloadOf(kept)).toEqual(t1());
    const deleted = JSON.stringify(t1({ body: '[removed]' }));
    const redacted = commentOf(normalizeT1(JSON.parse(deleted), { ...redact, rawJson: deleted }));
    expect(redacted.rawJson).toBeUndefined();
    expect(redacted.raw).toMatchObject({ redacted: true });
    const broken = JSON.stringify(t1({ body: 'a\u0000b' }));
    const repaired = commentOf(normalizeT1(JSON.parse(broken), { ...redact, rawJson: broken }));
    expect(repaired.rawJson).toBeUndefined();
    expect(repaired.raw).toMatchObject({ body: 'ab' });
  });

  it('holds the bytes given beside the text in its place', () => {
    const text = JSON.stringify(t1());
    const bytes = new TextEncoder().encode(text);
    const kept = commentOf(normalizeT1(JSON.parse(text), { ...redact, rawJson: text, rawJsonBytes: bytes }));
    expect(kept.rawJson).toBe(bytes);
    expect(sourcePayloadOf(kept)).toEqual(t1());
  });

  it('does not change the payload it was given', () => {
    const payload = t1({ body: 'a\u0000\ud83d' });
    normalizeT1(payload, redact);
    expect(payload['body']).toBe('a\u0000\ud83d');
  });

  it('accepts an item created a little after now (clock skew) but not further', () => {
    expect(normalizeT1(t1({ created_utc: NOW.getTime() / 1000 + 60 }), keep).ok).toBe(true);
    const future = (NOW.getTime() + MAX_FUTURE_SKEW_MS) / 1000 + 1;
    expect(normalizeT1(t1({ created_utc: future }), keep)).toMatchObject({
      ok: false,
      id: 'c0ffee1',
      reason: expect.stringMatching(/^created_utc .* is in the future/),
    });
  });

  it.each([
    [{ id: undefined }, null, /^id /],
    [{ id: undefined, name: 't1_c0ffee1' }, 'c0ffee1', /^id /],
    [{ created_utc: undefined }, 'c0ffee1', /^created_utc /],
    [{ created_utc: null }, 'c0ffee1', /^created_utc is not a number/],
    [{ created_utc: 'yesterday' }, 'c0ffee1', /^created_utc is not a number/],
    [{ created_utc: 1764403200000 }, 'c0ffee1', /^created_utc is not a plausible epoch/],
    [{ subreddit: '' }, 'c0ffee1', /^subreddit is empty/],
    [{ subreddit: undefined }, 'c0ffee1', /^subreddit /],
    [{ link_id: undefined }, 'c0ffee1', /^link_id /],
    [{ link_id: 't1_c0ffee0' }, 'c0ffee1', /^link_id is not a post fullname/],
    [{ parent_id: undefined }, 'c0ffee1', /^parent_id /],
    [{ parent_id: 't5_2qh3l' }, 'c0ffee1', /^parent_id is not a post or comment fullname/],
    [{ score: 1e10 }, 'c0ffee1', /^score is outside the storable range/],
    [{ score: 'lots' }, 'c0ffee1', /^score is not a number/],
    [{ name: 't1_other' }, 'c0ffee1', /^name "t1_other" does not match id c0ffee1 \(expected t1_c0ffee1\)/],
    [{ name: 't3_c0ffee1' }, 'c0ffee1', /^name "t3_c0ffee1" does not match/],
    [{ id: 'C0FFEE!' }, null, /^id is not a base36 id/],
  ])('rejects %p with its id and the reason', (overrides, id, reason) => {
    const result = normalizeT1(t1(overrides), keep);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.id).toBe(id);
      expect(result.reason).toMatch(reason);
    }
  });

  it('rejects what is not an object', () => {
    for (const payload of ['t1_c0ffee1', null, undefined, 42, [t1()]]) {
      expect(normalizeT1(payload, keep)).toMatchObject({ ok: false, id: null, reason: expect.stringMatching(/^item /) });
    }
  });
});

describe('normalizeT1Thing', () => {
  it('reads a t1 listing child and a bare data object', () => {
    expect(commentOf(normalizeT1Thing({ kind: 't1', data: t1() }, keep)).id).toBe('c0ffee1');
    expect(commentOf(normalizeT1Thing(t1(), keep)).id).toBe('c0ffee1');
  });

  it('rejects another kind, with its id', () => {
    expect(normalizeT1Thing({ kind: 't3', data: t1() }, keep)).toEqual({ ok: false, id: 'c0ffee1', reason: 'kind "t3" is not a comment (t1)' });
  });
});

describe('normalizeT1 with redactDeleted', () => {
  it('leaves the payload it was given untouched when redacting', () => {
    const payload = t1({ author: '[deleted]', body: '[deleted]', nested: { note: 'n' } });
    const before = structuredClone(payload);
    const c = commentOf(normalizeT1(payload, redact));
    expect(c.raw).not.toBe(payload);
    expect(payload).toEqual(before);
  });

  it('redacts a comment its author deleted: author and body become [deleted], engagement and thread stay', () => {
    const deleted = t1({ author: '[deleted]', author_fullname: undefined, body: '[deleted]', score: 3 });
    const c = commentOf(normalizeT1(deleted, redact));
    expect(c).toMatchObject({ author: '[deleted]', authorFullname: null, body: '[deleted]', score: 3, linkId: 'abc123', parentId: 't1_c0ffee0' });
    expect(c.raw).toEqual({
      redacted: true,
      id: 'c0ffee1',
      subreddit: 'news',
      subreddit_id: 't5_2qh3l',
      link_id: 't3_abc123',
      parent_id: 't1_c0ffee0',
      created_utc: 1764403200,
      score: 3,
      controversiality: 0,
      removed_by_category: null,
      stickied: false,
      distinguished: null,
      edited: false,
      retrieved_on: 1764410000,
    });
  });

  it('redacts a comment moderators removed (body [removed], author still shown) to [removed] and [deleted]', () => {
    const c = commentOf(normalizeT1(t1({ body: '[removed]' }), redact));
    expect(c).toMatchObject({ author: '[deleted]', authorFullname: null, body: '[removed]' });
    expect(JSON.stringify(c.raw)).not.toContain('someone');
    expect(JSON.stringify(c.raw)).not.toContain('t2_xyz');
  });

  it('redacts a comment whose removed_by_category says it is gone though the body is still there', () => {
    const removed = commentOf(normalizeT1(t1({ removed_by_category: 'moderator' }), redact));
    expect(removed).toMatchObject({ body: '[removed]', author: '[deleted]', removedByCategory: 'moderator' });
    expect(JSON.stringify(removed.raw)).not.toContain('I agree');
    const deleted = commentOf(normalizeT1(t1({ removed_by_category: 'deleted' }), redact));
    expect(deleted.body).toBe('[deleted]');
  });

  it('keeps live comments untouched, and a live comment of a deleted account (as posts are)', () => {
    expect(commentOf(normalizeT1(t1(), redact)).body).toBe('I agree & <b>');
    expect(commentOf(normalizeT1(t1({ author: '[deleted]' }), redact)).body).toBe('I agree & <b>');
  });

  it('keeps deleted text when redaction is off', () => {
    const c = commentOf(normalizeT1(t1({ body: '[removed]', removed_by_category: 'moderator' }), keep));
    expect(c).toMatchObject({ author: 'someone', body: '[removed]' });
    expect(c.raw?.['redacted']).toBeUndefined();
  });
});
