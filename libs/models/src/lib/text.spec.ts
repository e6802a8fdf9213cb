import { hasRefusedEscape, isStorableDeep, replaceLoneSurrogates, stripNul, toStorableDeep, toStorableDeepIfNeeded, toStorableText } from './text';

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

describe('isStorableDeep', () => {
  it('accepts clean nested values, paired surrogates (emoji) included', () => {
    expect(isStorableDeep({ a: ['x', 1, null, { b: 'smile \ud83d\ude00' }], n: 2.5, t: true })).toBe(true);
    expect(isStorableDeep('plain')).toBe(true);
    expect(isStorableDeep(null)).toBe(true);
  });

  it('finds NUL or a lone surrogate in a nested value or in a key', () => {
    expect(isStorableDeep({ a: [{ b: 'x\u0000' }] })).toBe(false);
    expect(isStorableDeep({ a: ['ok', '\ude00'] })).toBe(false);
    expect(isStorableDeep({ ['k\ud83d']: 1 })).toBe(false);
    expect(isStorableDeep({ ['k\u0000']: 1 })).toBe(false);
  });
});

describe('toStorableDeepIfNeeded', () => {
  it('returns a clean value itself, not a copy', () => {
    const payload = { title: 'ok \ud83d\ude00', nested: { list: [1, 'a'] } };
    expect(toStorableDeepIfNeeded(payload)).toBe(payload);
  });

  it('returns a repaired copy when a string or key needs repair, and leaves the input as it was', () => {
    const payload = { ok: 'fine', nested: { list: ['a\u0000b'] }, ['k\ud800']: 'x' };
    const repaired = toStorableDeepIfNeeded(payload);
    expect(repaired).not.toBe(payload);
    expect(repaired).toEqual({ ok: 'fine', nested: { list: ['ab'] }, ['k\ufffd']: 'x' });
    expect(payload.nested.list[0]).toBe('a\u0000b');
  });
});

describe('hasRefusedEscape', () => {
  it('finds \\u0000 and escapes of lone surrogates, in either case', () => {
    expect(hasRefusedEscape('"\\u0000"')).toBe(true);
    expect(hasRefusedEscape('"a\\ud83d"')).toBe(true);
    expect(hasRefusedEscape('"a\\uD83Db"')).toBe(true);
    expect(hasRefusedEscape('"\\ude00"')).toBe(true);
    expect(hasRefusedEscape('"\\ud83d\\ud83d\\ude00"')).toBe(true);
    expect(hasRefusedEscape('"\\ud83d\\n"')).toBe(true);
  });

  it('accepts escaped pairs, other escapes, and backslashes followed by text that looks like an escape', () => {
    expect(hasRefusedEscape('{"a":"plain"}')).toBe(false);
    expect(hasRefusedEscape('"\\ud83d\\ude00 \\uD83D\\uDE00 \\u00e9 \\n \\""')).toBe(false);
    expect(hasRefusedEscape('"\\\\u0000 \\\\ud83d"')).toBe(false);
  });
});

describe('toStorableDeepIfNeeded, given the JSON text the value was parsed from', () => {
  it('returns the parsed value itself when the text holds no refused escape', () => {
    const text = '{"title":"caf\\u00e9 \\ud83d\\ude00","nested":{"list":["a\\\\u0000"]}}';
    const parsed = JSON.parse(text) as unknown;
    expect(toStorableDeepIfNeeded(parsed, text)).toBe(parsed);
  });

  it('repairs the value, keys too, when the text escapes a NUL or a lone surrogate', () => {
    const text = '{"a\\u0000b":"x\\ud83d","ok":"y"}';
    const repaired = toStorableDeepIfNeeded(JSON.parse(text) as unknown, text);
    expect(repaired).toEqual({ ab: 'x\ufffd', ok: 'y' });
    expect(isStorableDeep(repaired)).toBe(true);
  });
});
