import { afterNull, nullRetryDelayMs } from './null-answers';

const policy = { retryMs: 60_000 };
const noEvidence = { laterIdCreatedAt: null };

describe('afterNull', () => {
  it('asks a fresh id again soon, then less often, never past the retry window', () => {
    const first = afterNull(7, 1_000, undefined, policy, noEvidence);
    expect(first).toEqual({ kind: 'retry', pending: { id: 7, firstNullAt: 1_000, attempts: 1, dueAt: 1_500 } });
    const second = afterNull(7, 1_500, first.kind === 'retry' ? first.pending : undefined, policy, noEvidence);
    expect(second).toEqual({ kind: 'retry', pending: { id: 7, firstNullAt: 1_000, attempts: 2, dueAt: 2_500 } });
    const late = afterNull(7, 58_000, { id: 7, firstNullAt: 1_000, attempts: 9, dueAt: 58_000 }, policy, noEvidence);
    expect(late).toEqual({ kind: 'retry', pending: { id: 7, firstNullAt: 1_000, attempts: 10, dueAt: 61_000 } });
  });

  it('records the id absent once the window has passed since its first null', () => {
    expect(afterNull(7, 61_000, { id: 7, firstNullAt: 1_000, attempts: 10, dueAt: 61_000 }, policy, noEvidence)).toEqual({ kind: 'absent' });
  });

  it('records it absent at once when a later id is older than the window (a hole in a backfill)', () => {
    expect(afterNull(7, 1_000_000, undefined, policy, { laterIdCreatedAt: 1_000_000 - 60_000 })).toEqual({ kind: 'absent' });
    expect(afterNull(7, 1_000_000, undefined, policy, { laterIdCreatedAt: 1_000_000 - 59_999 }).kind).toBe('retry');
  });

  it('never retries with a window of 0', () => {
    expect(afterNull(7, 1_000, undefined, { retryMs: 0 }, noEvidence)).toEqual({ kind: 'absent' });
  });
});

describe('nullRetryDelayMs', () => {
  it('doubles from half a second up to 8 seconds', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map(nullRetryDelayMs)).toEqual([500, 1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });
});
