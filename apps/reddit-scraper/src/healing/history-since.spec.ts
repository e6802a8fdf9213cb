import { describeHistorySince, historyStart, parseHistorySince } from './history-since';

describe('parseHistorySince (REDDIT_HISTORY_SINCE)', () => {
  it('reads an ISO time, in UTC when it names no zone', () => {
    expect(parseHistorySince('2026-11-01T00:00:00Z')).toEqual({ kind: 'time', at: new Date('2026-11-01T00:00:00Z') });
    expect(parseHistorySince('2026-11-01T06:30:00+02:00')).toEqual({ kind: 'time', at: new Date('2026-11-01T04:30:00Z') });
    expect(parseHistorySince('2026-11-01 06:30')).toEqual({ kind: 'time', at: new Date('2026-11-01T06:30:00Z') });
    expect(parseHistorySince('2026-11-01')).toEqual({ kind: 'time', at: new Date('2026-11-01T00:00:00Z') });
  });

  it('reads a duration back from now', () => {
    expect(parseHistorySince('3h')).toEqual({ kind: 'age', ms: 3 * 3_600_000 });
    expect(parseHistorySince('7d')).toEqual({ kind: 'age', ms: 7 * 86_400_000 });
  });

  it('refuses what is neither, and a look-back over a year', () => {
    for (const text of ['yesterday', '2026-13-01', '2026-11-01T25:00:00Z', '0h', '400d', '3']) expect(parseHistorySince(text)).toBeNull();
  });
});

describe('historyStart', () => {
  const now = new Date('2026-11-30T12:00:00Z');

  it('is the time itself, or the duration back from now', () => {
    expect(historyStart({ kind: 'time', at: new Date('2026-11-29T00:00:00Z') }, now)).toEqual(new Date('2026-11-29T00:00:00Z'));
    expect(historyStart({ kind: 'age', ms: 3 * 3_600_000 }, now)).toEqual(new Date('2026-11-30T09:00:00Z'));
  });

  it('is described for logs in the words it was given', () => {
    expect(describeHistorySince({ kind: 'age', ms: 3 * 3_600_000 })).toBe('3h back');
    expect(describeHistorySince({ kind: 'time', at: new Date('2026-11-29T00:00:00Z') })).toBe('since 2026-11-29T00:00:00.000Z');
  });
});
