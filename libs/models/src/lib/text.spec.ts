import { stripNul, stripNulDeep } from './text';

describe('stripNul', () => {
  it('removes every NUL character, which PostgreSQL text cannot hold', () => {
    expect(stripNul('a\u0000b\u0000')).toBe('ab');
  });

  it('returns text without NUL unchanged', () => {
    expect(stripNul('plain ü & <b>')).toBe('plain ü & <b>');
  });
});

describe('stripNulDeep', () => {
  it('cleans nested keys and values of a payload and keeps other types', () => {
    const payload = { 'k\u0000': ['x\u0000y', 1, null, { z: 'q\u0000' }], n: 2.5, b: false };
    expect(stripNulDeep(payload)).toEqual({ k: ['xy', 1, null, { z: 'q' }], n: 2.5, b: false });
  });
});
