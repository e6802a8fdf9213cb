import { normalizeT3, type NormalizeResult } from './normalize-t3';

const keep = { redactDeleted: false };
const redact = { redactDeleted: true };

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
    expect(s.raw['name']).toBe('t3_abc123');
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

  it('accepts a [deleted] author without author_fullname', () => {
    const s = submissionOf(normalizeT3(t3({ author: '[deleted]', author_fullname: undefined }), keep));
    expect(s).toMatchObject({ author: '[deleted]', authorFullname: null });
  });

  it('ignores unknown keys and keeps them in raw', () => {
    const s = submissionOf(normalizeT3(t3({ brand_new_field: { x: 1 }, all_awardings: [] }), keep));
    expect(s.raw['brand_new_field']).toEqual({ x: 1 });
  });

  it('defaults fields older data lacks (upvote_ratio, flags, counts)', () => {
    const s = submissionOf(
      normalizeT3(t3({ upvote_ratio: undefined, spoiler: undefined, num_comments: null, permalink: undefined }), keep),
    );
    expect(s).toMatchObject({ upvoteRatio: null, spoiler: false, numComments: 0, permalink: '/r/news/comments/abc123/' });
  });

  it('strips NUL from text and from the raw payload', () => {
    const s = submissionOf(normalizeT3(t3({ title: 'a\u0000b', selftext: 'c\u0000d' }), keep));
    expect(s.title).toBe('ab');
    expect(s.selftext).toBe('cd');
    expect(s.raw['selftext']).toBe('cd');
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

describe('normalizeT3 with redactDeleted', () => {
  it('removes the text and author of a post its author deleted, and keeps engagement', () => {
    const deleted = t3({ author: '[deleted]', author_fullname: undefined, selftext: '[deleted]', removed_by_category: 'deleted' });
    const s = submissionOf(normalizeT3(deleted, redact));
    expect(s).toMatchObject({ title: '[deleted]', selftext: '', author: '[deleted]', url: null, score: 12, removedByCategory: 'deleted' });
    expect(JSON.stringify(s.raw)).not.toContain('A title');
    expect(s.raw).toMatchObject({ redacted: true, id: 'abc123', score: 12 });
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
