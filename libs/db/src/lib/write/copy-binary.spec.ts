import { BinaryCopyRows, type CopyColumn } from './copy-binary';
import { JsonText, UnstorableValueError, type CopyValue } from './copy-text';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

/** Every row through the packer, and the chunks it made. */
function pack(columns: readonly CopyColumn[], rows: readonly (readonly CopyValue[])[], chunkBytes = 1024): Buffer[] {
  const packer = new BinaryCopyRows(columns, chunkBytes);
  const chunks: Buffer[] = [];
  for (const row of rows) {
    const full = packer.add(row);
    if (full) chunks.push(full);
  }
  chunks.push(...packer.finish());
  return chunks;
}

/** Reads a binary COPY stream back: each row's fields as raw bytes (null for SQL NULL); fails on a malformed stream. */
function decode(stream: Buffer): (Buffer | null)[][] {
  expect(stream.subarray(0, 11)).toEqual(SIGNATURE);
  expect(stream.readInt32BE(11)).toBe(0); // flags
  let at = 15 + 4 + stream.readInt32BE(15); // header extension
  const rows: (Buffer | null)[][] = [];
  for (;;) {
    const fields = stream.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    const row: (Buffer | null)[] = [];
    for (let i = 0; i < fields; i++) {
      const length = stream.readInt32BE(at);
      at += 4;
      row.push(length === -1 ? null : stream.subarray(at, at + length));
      if (length > 0) at += length;
    }
    rows.push(row);
  }
  expect(at).toBe(stream.length);
  return rows;
}

const col = (type: CopyColumn['type'], name: string = type): CopyColumn => ({ name, type });

describe('BinaryCopyRows', () => {
  it('frames a stream PostgreSQL reads: the header, one field count and length per field, -1 for null, the trailer', () => {
    const rows = decode(Buffer.concat(pack([col('text'), col('int')], [['a', 1], [null, undefined]])));
    expect(rows).toEqual([[Buffer.from('a'), Buffer.from([0, 0, 0, 1])], [null, null]]);
  });

  it('is a valid empty COPY when no row is added', () => {
    expect(decode(Buffer.concat(pack([col('text')], [])))).toEqual([]);
  });

  it('sends each type in its binary form', () => {
    const [row] = decode(
      Buffer.concat(
        pack(
          [col('int'), col('bigint'), col('real'), col('double precision'), col('boolean'), col('boolean'), col('timestamptz'), col('jsonb')],
          [[-2, 2 ** 40 + 5, 0.5, -1.25, true, false, new Date('2000-01-01T00:00:01.5Z'), { a: 'é' }]],
        ),
      ),
    );
    const [int, bigint, real, double, yes, no, time, jsonb] = row as Buffer[];
    expect(int?.readInt32BE(0)).toBe(-2);
    expect(bigint?.readBigInt64BE(0)).toBe(BigInt(2 ** 40 + 5));
    expect(real?.readFloatBE(0)).toBe(0.5);
    expect(double?.readDoubleBE(0)).toBe(-1.25);
    expect([yes?.[0], no?.[0]]).toEqual([1, 0]);
    // microseconds since 2000-01-01
    expect(time?.readBigInt64BE(0)).toBe(1_500_000n);
    expect(jsonb?.[0]).toBe(1);
    expect(jsonb?.subarray(1).toString('utf8')).toBe('{"a":"é"}');
  });

  it('writes times before 2000 and negative big integers in two’s complement', () => {
    const [time, bigint] = decode(Buffer.concat(pack([col('timestamptz'), col('bigint')], [[new Date('1999-12-31T23:59:59Z'), -(2 ** 33) - 1]])))[0] ?? [];
    expect(time?.readBigInt64BE(0)).toBe(-1_000_000n);
    expect(bigint?.readBigInt64BE(0)).toBe(BigInt(-(2 ** 33) - 1));
  });

  it('sends text as UTF-8 without escapes, made storable (no NUL, no lone surrogate)', () => {
    const [text] = decode(Buffer.concat(pack([col('text')], [['tab\there\\ new\nline 🙂 a\u0000b \ud83d!']])))[0] ?? [];
    expect(text?.toString('utf8')).toBe('tab\there\\ new\nline 🙂 ab \ufffd!');
  });

  it('sends JSON text as given, repaired where jsonb would refuse it', () => {
    const given = '{"t":"x\\ty","big":12345678901234567890,"f":1.50}';
    const [[asGiven], [repaired]] = decode(Buffer.concat(pack([col('jsonb')], [[new JsonText(given)], [new JsonText('{"a":"x\\u0000y","s":"\\ud83d!"}')]]))) as [Buffer[], Buffer[]];
    expect(asGiven?.subarray(1).toString('utf8')).toBe(given);
    expect(repaired?.subarray(1).toString('utf8')).toBe('{"a":"xy","s":"\ufffd!"}');
  });

  it('sends JSON held as UTF-8 bytes as they are, and repairs them where jsonb would refuse them', () => {
    const given = Buffer.from('{"t":"é🙂 \\ud83d\\ude00","n":1.50}');
    const refused = Buffer.from('{"a":"x\\u0000y","s":"\\ud83d!"}');
    const [[asGiven], [repaired]] = decode(Buffer.concat(pack([col('jsonb')], [[new JsonText(given)], [new JsonText(refused)]]))) as [Buffer[], Buffer[]];
    expect(asGiven?.subarray(1)).toEqual(given);
    expect(repaired?.subarray(1).toString('utf8')).toBe('{"a":"xy","s":"\ufffd!"}');
  });

  it.each<[CopyColumn['type'], CopyValue, string | null]>([
    ['int', 2 ** 31, '22003'],
    ['int', -(2 ** 31) - 1, '22003'],
    ['int', 1.5, '22P02'],
    ['bigint', 2 ** 53, '22003'],
    ['real', 1e39, '22003'],
    ['int', Number.NaN, null],
    ['double precision', Number.POSITIVE_INFINITY, null],
    ['timestamptz', new Date('nope'), null],
    ['int', '12', null],
    ['boolean', 1, null],
    ['timestamptz', '2026-01-01', null],
  ])('refuses %s %p with SQLSTATE %p, as the server would refuse it in text', (type, value, sqlState) => {
    const packer = new BinaryCopyRows([col(type, 'score')], 64);
    let error: unknown;
    try {
      packer.add([value]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnstorableValueError);
    expect((error as UnstorableValueError).sqlState).toBe(sqlState);
  });

  it('names the column of a refused value', () => {
    expect(() => new BinaryCopyRows([col('int', 'score')], 64).add([2 ** 40])).toThrow(/score \(int\): out of range: 1099511627776/);
  });

  it('leaves nothing of a refused row: the rows around it are intact', () => {
    const packer = new BinaryCopyRows([col('text'), col('int')], 64);
    const chunks: Buffer[] = [];
    const add = (row: CopyValue[]) => {
      const full = packer.add(row);
      if (full) chunks.push(full);
    };
    add(['before', 1]);
    expect(() => add(['x'.repeat(100), 2 ** 40])).toThrow(UnstorableValueError);
    add(['after', 2]);
    chunks.push(...packer.finish());
    expect(decode(Buffer.concat(chunks)).map(([text]) => text?.toString())).toEqual(['before', 'after']);
  });

  it('refuses a row with the wrong number of values', () => {
    expect(() => new BinaryCopyRows([col('text'), col('int')], 64).add(['a'])).toThrow(TypeError);
  });

  it('keeps every row, in order, across chunks that never split a row, with characters of 1 to 4 UTF-8 bytes', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`post ${i} é€🙂 ${'x'.repeat(i % 37)}`, i]);
    const chunks = pack([col('text'), col('int')], rows, 256);
    expect(chunks.length).toBeGreaterThan(10);
    expect(decode(Buffer.concat(chunks)).map(([text, n]) => [text?.toString('utf8'), n?.readInt32BE(0)])).toEqual(rows);
    // each chunk but the first starts with a row: its field count
    for (const chunk of chunks.slice(1, -1)) expect(chunk.readInt16BE(0)).toBe(2);
  });

  it('gives a row larger than a chunk a chunk of its own', () => {
    const big = 'b'.repeat(1000);
    const chunks = pack([col('text')], [['a'], [big], ['c']], 64);
    expect(chunks.some((chunk) => chunk.length > 1000)).toBe(true);
    expect(decode(Buffer.concat(chunks)).map(([text]) => text?.toString())).toEqual(['a', big, 'c']);
  });

  it('ends with the trailer even when it does not fit beside the last rows', () => {
    // the header (19 bytes) and four rows of one int (2 + 4 + 4 bytes each) fill a 59-byte chunk
    const chunks = pack([col('int')], [[1], [2], [3], [4]], 59);
    expect(chunks.map((c) => c.length)).toEqual([59, 2]);
    expect(decode(Buffer.concat(chunks)).map(([n]) => n?.readInt32BE(0))).toEqual([1, 2, 3, 4]);
  });
});
