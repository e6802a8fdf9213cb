import { fitsInt4, futureTimeProblem, INT4_MAX, INT4_MIN, MAX_FUTURE_SKEW_MS } from './limits';

describe('fitsInt4', () => {
  it('accepts the ends of PostgreSQL int and nothing beyond', () => {
    expect([INT4_MIN, INT4_MAX, 0].map(fitsInt4)).toEqual([true, true, true]);
    expect([INT4_MIN - 1, INT4_MAX + 1].map(fitsInt4)).toEqual([false, false]);
  });

  it('judges a fraction by its truncation', () => {
    expect(fitsInt4(INT4_MAX + 0.9)).toBe(true);
    expect(fitsInt4(INT4_MIN - 0.9)).toBe(true);
  });
});

describe('futureTimeProblem', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('trusts a time up to MAX_FUTURE_SKEW_MS after now', () => {
    expect(MAX_FUTURE_SKEW_MS).toBe(300_000);
    expect(futureTimeProblem('time', new Date(now.getTime() + MAX_FUTURE_SKEW_MS), now)).toBeNull();
  });

  it('names the field, the time and the clock beyond it', () => {
    expect(futureTimeProblem('time', new Date(now.getTime() + MAX_FUTURE_SKEW_MS + 1), now)).toBe(
      'time 2026-11-30T12:05:00.001Z is in the future (more than 5 minutes after 2026-11-30T12:00:00.000Z)',
    );
  });
});
