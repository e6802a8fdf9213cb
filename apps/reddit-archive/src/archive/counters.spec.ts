import { ImportCounters, formatElapsed, formatSummary, perSecond } from './counters';

describe('ImportCounters', () => {
  it('counts rejects by reason and in total', () => {
    const c = new ImportCounters();
    c.reject('not JSON');
    c.reject('not JSON');
    c.reject('blank line');
    expect(c.rejected.get('not JSON')).toBe(2);
    expect(c.rejectedTotal).toBe(3);
  });
});

describe('formatSummary', () => {
  it('is a table of lines, matched, inserted, updated, rejects by reason, duration and rates', () => {
    const c = new ImportCounters();
    Object.assign(c, { linesRead: 1_234_567, skipped: 1_200_000, matched: 34_000, inserted: 30_000, updated: 3_000, unchanged: 1_000, gapsResolved: 2 });
    c.reject('truncated last line');
    c.reject('not JSON', 4);
    const text = formatSummary(c, 65_000);
    expect(text).toMatch(/^lines read +1,234,567$/m);
    expect(text).toMatch(/^matched +34,000$/m);
    expect(text).toMatch(/^inserted +30,000$/m);
    expect(text).toMatch(/^updated +3,000$/m);
    expect(text).toMatch(/^rejected +5$/m);
    expect(text).toMatch(/^ {2}not JSON +4$/m);
    expect(text).toMatch(/^ {2}truncated last line +1$/m);
    expect(text).not.toMatch(/blank line/);
    expect(text).toMatch(/^gaps resolved +2$/m);
    expect(text).toMatch(/^duration +1m 05s$/m);
    expect(text).toMatch(/^rows\/s \(inserted \+ updated\) +508$/m);
    // reasons in their fixed order: not JSON before truncated last line
    expect(text.indexOf('not JSON')).toBeLessThan(text.indexOf('truncated last line'));
  });
});

describe('formatting helpers', () => {
  it('formats durations and rates', () => {
    expect(formatElapsed(6_100)).toBe('6.1s');
    expect(formatElapsed(3_723_000)).toBe('1h 02m 03s');
    expect(perSecond(100, 0)).toBe(0);
    expect(perSecond(100, 2_000)).toBe(50);
  });
});
