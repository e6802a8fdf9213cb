import { describeHnStart, parseHnStart } from './hn-start';

describe('parseHnStart', () => {
  it('reads a whole number as an item id', () => {
    expect(parseHnStart('42000000')).toEqual({ kind: 'id', id: 42_000_000 });
    expect(parseHnStart(' 1 ')).toEqual({ kind: 'id', id: 1 });
  });

  it('reads a number with m, h or d as a look-back', () => {
    expect(parseHnStart('24h')).toEqual({ kind: 'age', ms: 86_400_000 });
    expect(parseHnStart('90m')).toEqual({ kind: 'age', ms: 5_400_000 });
    expect(parseHnStart('1.5d')).toEqual({ kind: 'age', ms: 129_600_000 });
    expect(parseHnStart('7D')).toEqual({ kind: 'age', ms: 604_800_000 });
  });

  it('refuses id 0, unknown units, negative or empty values and more than 366 days', () => {
    for (const text of ['0', '24', '24s', '-1h', 'h', '', 'yesterday', '367d', '0h', '99999999999999999999']) {
      expect({ text, start: parseHnStart(text) }).toEqual({ text, start: text === '24' ? { kind: 'id', id: 24 } : null });
    }
  });
});

describe('describeHnStart', () => {
  it('says where a first run begins', () => {
    expect(describeHnStart({ kind: 'id', id: 7 })).toBe('id 7');
    expect(describeHnStart({ kind: 'age', ms: 86_400_000 })).toBe('24h ago');
    expect(describeHnStart({ kind: 'age', ms: 5_400_000 })).toBe('90m ago');
  });
});
