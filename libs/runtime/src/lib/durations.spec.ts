import { describeDurationMs, parseDurationMs } from './durations';

describe('parseDurationMs', () => {
  it('reads minutes, hours and days, fractions and upper case included', () => {
    expect(parseDurationMs('90m')).toBe(90 * 60_000);
    expect(parseDurationMs(' 3h ')).toBe(3 * 3_600_000);
    expect(parseDurationMs('1.5H')).toBe(5_400_000);
    expect(parseDurationMs('7d')).toBe(7 * 86_400_000);
  });

  it('refuses what is not a positive number with a unit', () => {
    for (const text of ['', '3', 'h', '0h', '-2h', '3w', '2026-11-30T00:00:00Z', '3 hours']) expect(parseDurationMs(text)).toBeNull();
  });
});

describe('describeDurationMs', () => {
  it('writes whole hours in hours and anything else in minutes', () => {
    expect(describeDurationMs(24 * 3_600_000)).toBe('24h');
    expect(describeDurationMs(90 * 60_000)).toBe('90m');
  });
});
