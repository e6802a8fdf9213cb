import { inTimeWindow } from './time-window';

const at = (iso: string) => new Date(iso);

describe('inTimeWindow', () => {
  const window = { since: at('2023-01-01T00:00:00Z'), until: at('2023-02-01T00:00:00Z') };
  it('includes since and excludes until', () => {
    expect(inTimeWindow(at('2023-01-01T00:00:00Z'), window)).toBe(true);
    expect(inTimeWindow(at('2023-01-31T23:59:59Z'), window)).toBe(true);
    expect(inTimeWindow(at('2023-02-01T00:00:00Z'), window)).toBe(false);
    expect(inTimeWindow(at('2022-12-31T23:59:59Z'), window)).toBe(false);
  });
  it('admits everything on an open side', () => {
    expect(inTimeWindow(at('1999-01-01T00:00:00Z'), { since: null, until: window.until })).toBe(true);
    expect(inTimeWindow(at('2099-01-01T00:00:00Z'), { since: null, until: null })).toBe(true);
  });
});
