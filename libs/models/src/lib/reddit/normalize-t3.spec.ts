import { MAX_FUTURE_SKEW_MS } from '../limits';
import { sourcePayloadOf } from '../source-payload';
import { normalizeT3, normalizeT3Thing, type NormalizeResult } from './normalize-t3';

const NOW = new Date('2026-11-30T12:00:00Z');
const keep = { redactDeleted: false, now: NOW };
const redact = { redactDeleted: true, now: NOW };

function t3(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'abc123',
    name: 't3_abc123',
    subreddit: 'news',
    subreddit_id: 't5_2qh3l',
    author: 'someone',
    author_fullname: 't2_xyz',
    title: 'A title & <b>',
    selftext: 'body',
    url: 'https://www.reddit.com/r/news/comments/abc123/a_title/',
    permalink: '/r/news/comments/abc123/a_title/',
    domain: 'self.news',
    created_utc: 1764403200.0,
    score: 12,
    num_comments: 3,
    upvote_ratio: 0.93,
    over_18: false,
    spoiler: false,
    stickied: false,
    locked: false,
    is_self: true,
    link_flair_text: null,
    distinguished: null,
    edited: false,
    removed_by_category: null,
    ...overrides,
  };
}

function submissionOf(result: NormalizeResult) {
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return result.submission;
}

describe('normalizeT3', () => {
  it('maps a listing item to a submission', () => {
    const s = submissionOf(normalizeT3(t3(), keep));
    expect(s).toMatchObject({
      id: 'abc123',
      createdUtc: new Date('2025-11-29T08:00:00Z'),
      subreddit: 'news',
      author: 'someone',
      authorFullname: 't2_xyz',
      title: 'A title & <b>',
      score: 12,
      numComments: 3,
      upvoteRatio: 0.93,
      editedAt: null,
      removedByCategory: null,
    });
    expect(s.raw?.['name']).toBe('t3_abc123');
  });

  it.each([
    ['a float', 1764403200.5, '2025-11-29T08:00:00.500Z'],
    ['an int', 1764403200, '2025-11-29T08:00:00.000Z'],
    ['a numeric string', '1764403200', '2025-11-29T08:00:00.000Z'],
  ])('reads created_utc given as %s', (_kind, value, iso) => {
    expect(submissionOf(normalizeT3(t3({ created_utc: value }), keep)).createdUtc.toISOString()).toBe(iso);
  });

  it('reads edited as false or as a float timestamp', () => {
    expect(submissionOf(normalizeT3(t3({ edited: false }), keep)).editedAt).toBeNull();
    expect(submissionOf(normalizeT3(t3({ edited: 1764406800.25 }), keep)).editedAt?.toISOString()).toBe('2025-11-29T09:00:00.250Z');
    expect(submissionOf(normalizeT3(t3({ edited: true }), keep)).editedAt).toBeNull();
  });

  it('reads created_utc given as a float string (2014–2015 dumps)', () => {
    expect(submissionOf(normalizeT3(t3({ created_utc: '1420070400.0' }), keep)).createdUtc.toISOString()).toBe('2015-01-01T00:00:00.000Z');
  });

  it.each([
    ['an int', 1764406800, '2025-11-29T09:00:00.000Z'],
    ['a numeric string', '1764406800', '2025-11-29T09:00:00.000Z'],
  ])('reads edited given as %s', (_kind, value, iso) => {
    expect(submissionOf(normalizeT3(t3({ edited: value }), keep)).editedAt?.toISOString()).toBe(iso);
  });

  it('reads an edited of another shape (null, absent, text) as never edited instead of rejecting the post', () => {
    for (const edited of [null, undefined, 'yes', {}]) {
      expect(submissionOf(normalizeT3(t3({ edited }), keep)).editedAt).toBeNull();
    }
  });

  it('keeps a null or absent score unknown (null), never 0', () => {
    expect(submissionOf(normalizeT3(t3({ score: null }), keep)).score).toBeNull();
    expect(submissionOf(normalizeT3(t3({ score: undefined }), keep)).score).toBeNull();
    expect(submissionOf(normalizeT3(t3({ score: null }), keep)).raw?.['score']).toBeNull();
    expect(submissionOf(normalizeT3(t3({ score: 0 }), keep)).score).toBe(0);
    expect(submissionOf(normalizeT3(t3({ score: '17' }), keep)).score).toBe(17);
  });

  it('reads a missing removed_by_category (older years) as null', () => {
    expect(submissionOf(normalizeT3(t3({ removed_by_category: undefined }), keep)).removedByCategory).toBeNull();
  });

  it('accepts a [deleted] author without author_fullname', () => {
    const s = submissionOf(normalizeT3(t3({ author: '[deleted]', author_fullname: undefined }), keep));
    expect(s).toMatchObject({ author: '[deleted]', authorFullname: null });
  });

  it('ignores unknown keys and keeps them in raw', () => {
    const s = submissionOf(normalizeT3(t3({ brand_new_field: { x: 1 }, all_awardings: [] }), keep));
    expect(s.raw?.['brand_new_field']).toEqual({ x: 1 });
  });

  it('defaults fields older data lacks (upvote_ratio, flags, counts)', () => {
    const s = submissionOf(
      normalizeT3(t3({ upvote_ratio: undefined, spoiler: undefined, num_comments: null, permalink: undefined }), keep),
    );
    expect(s).toMatchObject({ upvoteRatio: null, spoiler: false, numComments: 0, permalink: '/r/news/comments/abc123/' });
  });

  it('replaces lone UTF-16 surrogates (which jsonb rejects) with U+FFFD, in the columns and in raw', () => {
    const s = submissionOf(normalizeT3(t3({ title: '\ud83d', selftext: 'ok \ud83d\ude00 \udc00', flair: { t: '\ud800' } }), keep));
    expect(s.title).toBe('\ufffd');
    expect(s.selftext).toBe('ok 😀 \ufffd');
    expect(s.raw).toMatchObject({ title: '\ufffd', flair: { t: '\ufffd' } });
    expect(JSON.stringify(s.raw)).not.toMatch(/\\ud[89a-f]/i);
  });

  it('accepts an item created a little after now (clock skew) but not further', () => {
    const skewed = NOW.getTime() / 1000 + 60;
    expect(normalizeT3(t3({ created_utc: skewed }), keep).ok).toBe(true);
    const future = (NOW.getTime() + MAX_FUTURE_SKEW_MS) / 1000 + 1;
    const result = normalizeT3(t3({ created_utc: future }), keep);
    expect(result).toMatchObject({ ok: false, id: 'abc123', reason: expect.stringMatching(/^created_utc .* is in the future/) });
  });

  it('rejects a created_utc in 2096 (before the 2100 plausibility bound) as in the future', () => {
    expect(normalizeT3(t3({ created_utc: 4_000_000_000 }), keep)).toMatchObject({ ok: false, reason: expect.stringMatching(/2096.*future/) });
  });

  it('treats an upvote ratio outside [0, 1] and an implausible edit time as unknown', () => {
    const s = submissionOf(normalizeT3(t3({ upvote_ratio: 7, edited: 1e20 }), keep));
    expect(s).toMatchObject({ upvoteRatio: null, editedAt: null });
  });

  it('keeps counts at the ends of the 32-bit range', () => {
    const s = submissionOf(normalizeT3(t3({ score: -2_147_483_648, num_comments: 2_147_483_647 }), keep));
    expect(s).toMatchObject({ score: -2_147_483_648, numComments: 2_147_483_647 });
  });

  it('strips NUL from text and from the raw payload', () => {
    const s = submissionOf(normalizeT3(t3({ title: 'a\u0000b', selftext: 'c\u0000d' }), keep));
    expect(s.title).toBe('ab');
    expect(s.selftext).toBe('cd');
    expect(s.raw?.['selftext']).toBe('cd');
  });

  it('keeps very long text whole', () => {
    const long = 'x'.repeat(40_000);
    expect(submissionOf(normalizeT3(t3({ selftext: long }), keep)).selftext).toHaveLength(40_000);
  });

  it.each([
    [{ id: undefined, name: undefined }, null, /^id /],
    [{ created_utc: 'yesterday' }, 'abc123', /^created_utc is not a number/],
    [{ created_utc: 1764403200000 }, 'abc123', /^created_utc is not a plausible epoch/],
    [{ subreddit: '' }, 'abc123', /^subreddit is empty/],
    [{ title: 42 }, 'abc123', /^title /],
    [{ score: 1e10 }, 'abc123', /^score is outside the storable range/],
    [{ num_comments: -3e9 }, 'abc123', /^num_comments is outside the storable range/],
    [{ score: 'Infinity' }, 'abc123', /^score is not a number/],
    [{ name: 't3_other' }, 'abc123', /^name "t3_other" does not match id abc123/],
    [{ id: 'ABC!' }, 'abc123', /^id is not a base36 id/],
    [{ id: 'ABC!', name: 't3_ABC!' }, null, /^id is not a base36 id/],
    [{ subreddit: 's'.repeat(101) }, 'abc123', /^subreddit is longer than 100/],
  ])('rejects %p with its id and the reason', (overrides, id, reason) => {
    const result = normalizeT3(t3(overrides), keep);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.id).toBe(id);
      expect(result.reason).toMatch(reason);
    }
  });

  it('rejects what is not an object', () => {
    expect(normalizeT3('t3_abc', keep)).toMatchObject({ ok: false, id: null });
    expect(normalizeT3(null, keep)).toMatchObject({ ok: false, id: null });
  });
});

describe('normalizeT3: raw', () => {
  it('is the payload itself when nothing needs repair (no copy)', () => {
    const payload = t3({ nested: { emoji: '\ud83d\ude00' } });
    expect(submissionOf(normalizeT3(payload, keep)).raw).toBe(payload);
  });

  it('is a repaired copy when a string needs repair, and the payload stays as given', () => {
    const payload = t3({ nested: { note: 'a\u0000\ud83d' } });
    const s = submissionOf(normalizeT3(payload, keep));
    expect(s.raw).not.toBe(payload);
    expect(s.raw?.['nested']).toEqual({ note: 'a\ufffd' });
    expect(payload['nested']).toEqual({ note: 'a\u0000\ud83d' });
  });
});

describe('normalizeT3: rawJson', () => {
  const text = JSON.stringify(t3());

  it('is the text given, held in place of raw, when raw would be the payload parsed from it', () => {
    const s = submissionOf(normalizeT3(JSON.parse(text), { ...redact, rawJson: text }));
    expect(s.rawJson).toBe(text);
    expect(s.raw).toBeUndefined();
    expect(sourcePayloadOf(s)).toEqual(t3());
  });

  it('is left out when raw is not that payload: redacted or repaired (raw is then held)', () => {
    const deletedText = JSON.stringify(t3({ selftext: '[deleted]' }));
    const deleted = submissionOf(normalizeT3(JSON.parse(deletedText), { ...redact, rawJson: deletedText }));
    expect(deleted.rawJson).toBeUndefined();
    expect(deleted.raw).toMatchObject({ redacted: true, id: 'abc123' });
    const broken = JSON.stringify(t3({ title: 'a\u0000b' }));
    const repaired = submissionOf(normalizeT3(JSON.parse(broken), { ...redact, rawJson: broken }));
    expect(repaired.rawJson).toBeUndefined();
    expect(repaired.raw).toMatchObject({ title: 'ab' });
  });

  it('is the bytes given beside the text, held in their place', () => {
    const bytes = new TextEncoder().encode(text);
    const s = submissionOf(normalizeT3(JSON.parse(text), { ...redact, rawJson: text, rawJsonBytes: bytes }));
    expect(s.rawJson).toBe(bytes);
    expect(sourcePayloadOf(s)).toEqual(t3());
    const deletedText = JSON.stringify(t3({ selftext: '[deleted]' }));
    const deleted = submissionOf(normalizeT3(JSON.parse(deletedText), { ...redact, rawJson: deletedText, rawJsonBytes: new TextEncoder().encode(deletedText) }));
    expect(deleted.rawJson).toBeUndefined();
  });

  it('is left out without a text', () => {
    expect(submissionOf(normalizeT3(t3(), redact)).rawJson).toBeUndefined();
    expect(submissionOf(normalizeT3(t3(), { ...redact, rawJsonBytes: new TextEncoder().encode(text) })).rawJson).toBeUndefined();
  });
});

describe('normalizeT3Thing', () => {
  it('reads a t3 listing child', () => {
    expect(submissionOf(normalizeT3Thing({ kind: 't3', data: t3() }, keep)).id).toBe('abc123');
  });

  it('rejects another kind with t3-shaped data, with its id', () => {
    expect(normalizeT3Thing({ kind: 't1', data: t3() }, keep)).toEqual({ ok: false, id: 'abc123', reason: 'kind "t1" is not a submission (t3)' });
    expect(normalizeT3Thing({ kind: null, data: t3() }, keep)).toMatchObject({ ok: false, reason: 'kind object is not a submission (t3)' });
  });

  it('reads a bare data object (dumps have no kind)', () => {
    expect(normalizeT3Thing(t3(), keep).ok).toBe(true);
  });
});

describe('normalizeT3 with redactDeleted', () => {
  it('leaves the payload it was given untouched when redacting', () => {
    const payload = t3({ selftext: '[deleted]', removed_by_category: 'deleted', nested: { note: 'n' } });
    const before = structuredClone(payload);
    const s = submissionOf(normalizeT3(payload, redact));
    expect(s.raw).not.toBe(payload);
    expect(payload).toEqual(before);
  });

  it('removes the text and author of a post its author deleted, and keeps engagement', () => {
    const deleted = t3({ author: '[deleted]', author_fullname: undefined, selftext: '[deleted]', removed_by_category: 'deleted' });
    const s = submissionOf(normalizeT3(deleted, redact));
    expect(s).toMatchObject({ title: '[deleted]', selftext: '', author: '[deleted]', url: null, score: 12, removedByCategory: 'deleted' });
    expect(JSON.stringify(s.raw)).not.toContain('A title');
    expect(s.raw).toMatchObject({ redacted: true, id: 'abc123', score: 12 });
  });

  it('keeps the dump\'s retrieval time and an unknown score in a redacted payload', () => {
    const deleted = t3({ selftext: '[deleted]', score: null, retrieved_on: 1764410000, retrieved_utc: 1764410001 });
    const s = submissionOf(normalizeT3(deleted, redact));
    expect(s.score).toBeNull();
    expect(s.raw).toMatchObject({ redacted: true, score: null, retrieved_on: 1764410000, retrieved_utc: 1764410001 });
  });

  it('removes the text of a post moderators removed', () => {
    const s = submissionOf(normalizeT3(t3({ selftext: '[removed]', removed_by_category: 'moderator' }), redact));
    expect(s.title).toBe('[deleted]');
    expect(s.author).toBe('[deleted]');
  });

  it('keeps live posts untouched', () => {
    expect(submissionOf(normalizeT3(t3(), redact)).title).toBe('A title & <b>');
  });

  it('keeps deleted text when redaction is off', () => {
    const s = submissionOf(normalizeT3(t3({ selftext: '[removed]', removed_by_category: 'moderator' }), keep));
    expect(s.title).toBe('A title & <b>');
  });
});
