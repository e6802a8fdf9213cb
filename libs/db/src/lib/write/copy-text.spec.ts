import { encodeCopyRow, JsonText, storableJson, UnstorableValueError } from './copy-text';

describe('encodeCopyRow', () => {
  it('separates values with tabs, ends with a newline and writes \\N for null', () => {
    expect(encodeCopyRow(['a', 1, null, undefined, true, false])).toBe('a\t1\t\\N\t\\N\tt\tf\n');
  });

  it('escapes backslash, newline, carriage return and tab inside text', () => {
    expect(encodeCopyRow(['a\\b\nc\rd\te'])).toBe('a\\\\b\\nc\\rd\\te\n');
  });

  it('writes dates as ISO-8601 UTC', () => {
    expect(encodeCopyRow([new Date(Date.UTC(2026, 10, 29, 8, 0, 0, 500))])).toBe('2026-11-29T08:00:00.500Z\n');
  });

  it('writes objects as JSON, escaped like text', () => {
    expect(encodeCopyRow([{ title: 'x\ty', n: 1 }])).toBe('{"title":"x\\\\ty","n":1}\n');
  });

  it('removes NUL from text and from JSON, which PostgreSQL cannot store', () => {
    expect(encodeCopyRow(['a\u0000b', { s: 'c\u0000d' }])).toBe('ab\t{"s":"cd"}\n');
  });

  it('refuses values PostgreSQL would misread rather than storing garbage', () => {
    expect(() => encodeCopyRow([Number.NaN])).toThrow(RangeError);
    expect(() => encodeCopyRow([new Date('nope')])).toThrow(RangeError);
  });
});

describe('encodeCopyRow with JsonText', () => {
  it('sends JSON text as it is, escaped like text (numbers keep their exact text)', () => {
    const text = '{"title":"x\\ty","big":12345678901234567890,"f":1.50,"emoji":"\\ud83d\\ude00"}';
    expect(encodeCopyRow([new JsonText(text), 1])).toBe(`${text.replaceAll('\\', '\\\\')}\t1\n`);
  });

  it('repairs text with \\u0000 or a lone surrogate escape instead of sending what jsonb refuses', () => {
    expect(encodeCopyRow([new JsonText('{"a":"x\\u0000y","b":1.0}')])).toBe('{"a":"xy","b":1}\n');
    expect(encodeCopyRow([new JsonText('{"t":"smile \\ud83d!","k\\udc00":2}')])).toBe('{"t":"smile \ufffd!","k\ufffd":2}\n');
  });

  it('sets aside text that needs repair but is not JSON, rather than failing the COPY', () => {
    expect(() => encodeCopyRow([new JsonText('{"a":"\\u0000')])).toThrow(UnstorableValueError);
    expect(() => encodeCopyRow([new JsonText('{"a":"x\u0000"}')])).toThrow(UnstorableValueError);
  });
});

describe('storableJson', () => {
  it('gives clean JSON bytes back themselves, undecoded, escapes and all', () => {
    const bytes = Buffer.from('{"t":"é \\ud83d\\ude00 \\u00e9"}');
    expect(storableJson(bytes)).toBe(bytes);
  });

  it('gives repaired text for bytes holding \\u0000 or a lone surrogate escape', () => {
    expect(storableJson(Buffer.from('{"a":"x\\u0000y"}'))).toBe('{"a":"xy"}');
    expect(storableJson(Buffer.from('{"a":"\\udc00"}'))).toBe('{"a":"\ufffd"}');
  });

  it('sets aside bytes that need repair but are not JSON', () => {
    expect(() => storableJson(Buffer.from('{"a":"\\u0000'))).toThrow(UnstorableValueError);
  });
});
