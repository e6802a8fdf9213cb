import { replaceLoneSurrogates, stripNul, toStorableDeep, toStorableText } from './text';

describe('stripNul', () => {
  it('removes every NUL character, which PostgreSQL text cannot hold', () => {
    expect(stripNul('a\u0000b\u0000')).toBe('ab');
  });

  it('returns text without NUL unchanged', () => {
    expect(stripNul('plain ü & <b>')).toBe('plain ü & <b>');
  });
});

describe('replaceLoneSurrogates', () => {
  it('replaces a lone high or low surrogate with U+FFFD, which jsonb accepts', () => {
    expect(replaceLoneSurrogates('a\ud83d')).toBe('a\ufffd');
    expect(replaceLoneSurrogates('\ude00b')).toBe('\ufffdb');
    expect(JSON.stringify(replaceLoneSurrogates('\ud83d'))).toBe('"\ufffd"');
  });

  it('keeps surrogate pairs (emoji) intact', () => {
    expect(replaceLoneSurrogates('smile \ud83d\ude00')).toBe('smile 😀');
  });
});

describe('toStorableText', () => {
  it('removes NUL and lone surrogates together', () => {
    expect(toStorableText('x\u0000\ud83dy')).toBe('x\ufffdy');
  });
});

describe('toStorableDeep', () => {
  it('cleans nested keys and values of a payload and keeps other types', () => {
    const payload = { 'k\u0000': ['x\u0000y', 1, null, { z: 'q\ud800' }], n: 2.5, b: false };
    expect(toStorableDeep(payload)).toEqual({ k: ['xy', 1, null, { z: 'q\ufffd' }], n: 2.5, b: false });
  });

  it('leaves no escape PostgreSQL jsonb rejects in the JSON text', () => {
    const text = JSON.stringify(toStorableDeep({ title: '\ud83d', body: 'a\u0000', ok: '\ud83d\ude00' }));
    expect(text).not.toMatch(/\\u0000|\\ud[89ab][0-9a-f]{2}|\\ud[c-f][0-9a-f]{2}/i);
  });
});
