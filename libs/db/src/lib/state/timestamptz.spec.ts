import { toDate } from './timestamptz';

describe('toDate', () => {
  it('takes a Date as pg returns it', () => {
    const date = new Date('2026-11-30T04:51:52.123Z');
    expect(toDate(date)).toBe(date);
  });

  it.each([
    ['2026-11-30 04:51:52+00', '2026-11-30T04:51:52.000Z'],
    ['2026-11-30 04:51:52.123456+00', '2026-11-30T04:51:52.123Z'],
    ['2026-11-30 04:51:52.1+05:30', '2026-11-29T23:21:52.100Z'],
    ['2026-11-30 04:51:52-08', '2026-11-30T12:51:52.000Z'],
    ['1883-11-18 12:00:00+00:53:28', '1883-11-18T11:06:32.000Z'],
    ['1969-12-31 23:59:59.999+00', '1969-12-31T23:59:59.999Z'],
    ['0099-01-01 00:00:00+00', '0099-01-01T00:00:00.000Z'],
  ])('reads the text MikroORM\'s pool returns, %s, as the same instant', (text, iso) => {
    expect(toDate(text).toISOString()).toBe(iso);
  });

  it('refuses text that is not a timestamptz, rather than guessing', () => {
    expect(() => toDate('yesterday')).toThrow('"yesterday" is not a timestamptz');
    expect(() => toDate('infinity')).toThrow(RangeError);
  });
});
