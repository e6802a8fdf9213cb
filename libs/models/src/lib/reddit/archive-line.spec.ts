import { archiveKindOf, retrievedAtOf } from './archive-line';

describe('retrievedAtOf', () => {
  it.each([
    ['retrieved_on as an int', { retrieved_on: 1420070400 }, '2015-01-01T00:00:00.000Z'],
    ['retrieved_on as a float', { retrieved_on: 1420070400.5 }, '2015-01-01T00:00:00.500Z'],
    ['retrieved_on as a numeric string', { retrieved_on: '1420070400' }, '2015-01-01T00:00:00.000Z'],
    ['retrieved_utc as an int', { retrieved_utc: 1700000000 }, '2023-11-14T22:13:20.000Z'],
    ['retrieved_utc as a float string', { retrieved_utc: ' 1700000000.25 ' }, '2023-11-14T22:13:20.250Z'],
    ['retrieved_on before retrieved_utc', { retrieved_on: 1420070400, retrieved_utc: 1700000000 }, '2015-01-01T00:00:00.000Z'],
    ['retrieved_utc when retrieved_on is null', { retrieved_on: null, retrieved_utc: 1700000000 }, '2023-11-14T22:13:20.000Z'],
    ['retrieved_utc when retrieved_on is implausible', { retrieved_on: 0, retrieved_utc: 1700000000 }, '2023-11-14T22:13:20.000Z'],
  ])('reads %s', (_case, payload, iso) => {
    expect(retrievedAtOf(payload)?.toISOString()).toBe(iso);
  });

  it.each([
    ['neither key', { id: 'abc' }],
    ['milliseconds (a unit error)', { retrieved_on: 1420070400000 }],
    ['text', { retrieved_utc: 'yesterday' }],
    ['a boolean', { retrieved_on: true }],
    ['not an object', 'retrieved_on'],
    ['null', null],
    ['an array', [1420070400]],
  ])('is null for %s', (_case, payload) => {
    expect(retrievedAtOf(payload)).toBeNull();
  });
});

describe('archiveKindOf', () => {
  const post = { id: 'abc123', title: 'A title', selftext: '', is_self: true, num_comments: 3, created_utc: 1420070400 };
  const comment = { id: 'c0ffee1', body: 'hi', link_id: 't3_abc123', parent_id: 't3_abc123', created_utc: 1420070400 };

  it('tells a submission from a comment by their fields', () => {
    expect(archiveKindOf(post)).toBe('submission');
    expect(archiveKindOf(comment)).toBe('comment');
  });

  it('reads a comment with link_title and num_comments (as user listings give them) as a comment', () => {
    expect(archiveKindOf({ ...comment, link_title: 'A title', num_comments: 3 })).toBe('comment');
  });

  it('reads a deleted post with only a title, and a comment with only a body, by what is left', () => {
    expect(archiveKindOf({ id: 'abc123', title: '[deleted]' })).toBe('submission');
    expect(archiveKindOf({ id: 'c0ffee1', body: '[deleted]' })).toBe('comment');
  });

  it('lets the name decide', () => {
    expect(archiveKindOf({ ...comment, title: 'odd', name: 't1_c0ffee1' })).toBe('comment');
    expect(archiveKindOf({ ...post, link_id: 't3_x', name: 't3_abc123' })).toBe('submission');
  });

  it.each([
    ['an object of neither kind', { id: 'abc', display_name: 'news' }],
    ['an object that looks like both', { ...post, link_id: 't3_abc123' }],
    ['a string', 'title'],
    ['null', null],
    ['an array', [post]],
  ])('is null for %s', (_case, payload) => {
    expect(archiveKindOf(payload)).toBeNull();
  });
});
