import { toRejectedRows, type RejectedItem } from './rejected-items';

const item = (overrides: Partial<RejectedItem> = {}): RejectedItem => ({
  source: 'reddit',
  stream: 'new:a+b',
  itemKind: 'submission',
  itemId: 'abc',
  stage: 'normalize',
  reason: 'score is outside the storable range',
  sqlState: null,
  payload: { id: 'abc', score: 1e10 },
  ...overrides,
});

describe('toRejectedRows', () => {
  it('keys an item by its id, so a bad item read on every poll stays one row', () => {
    const rows = toRejectedRows([item(), item({ payload: { id: 'abc', score: 2e10 }, reason: 'again' })]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ itemKey: 'id:abc', reason: 'again', payload: '{"id":"abc","score":20000000000}' });
  });

  it('keys an item without an id by the hash of its payload', () => {
    const rows = toRejectedRows([item({ itemId: null, payload: { title: 'x' } }), item({ itemId: null, payload: { title: 'y' } })]);
    expect(rows.map((r) => r.itemKey)).toEqual([expect.stringMatching(/^sha256:[0-9a-f]{64}$/), expect.stringMatching(/^sha256:[0-9a-f]{64}$/)]);
    expect(rows[0]!.itemKey).not.toBe(rows[1]!.itemKey);
  });

  it('keeps the payload as JSON text in which NUL and lone surrogates are plain escapes', () => {
    const [row] = toRejectedRows([item({ payload: { title: '\ud83d', body: 'a\u0000' } })]);
    expect(row!.payload).toBe('{"title":"\\ud83d","body":"a\\u0000"}');
  });

  it('shortens very long reasons', () => {
    const [row] = toRejectedRows([item({ reason: 'x'.repeat(2_000) })]);
    expect(row!.reason.length).toBeLessThanOrEqual(501);
  });
});
