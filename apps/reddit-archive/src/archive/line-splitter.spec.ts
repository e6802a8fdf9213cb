import { isBlankLine, splitLineBatches, type Line } from './line-splitter';

/** The lines one at a time, as the import loop reads them. */
async function* splitLines(...args: Parameters<typeof splitLineBatches>): AsyncGenerator<Line> {
  for await (const lines of splitLineBatches(...args)) yield* lines;
}

async function* chunksOf(...parts: (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield Buffer.isBuffer(part) ? part : Buffer.from(part, 'utf8');
}
const collect = async (it: AsyncIterable<Line>): Promise<Line[]> => {
  const out: Line[] = [];
  for await (const line of it) out.push(line);
  return out;
};

describe('splitLines', () => {
  it('yields numbered lines with their byte counts, joining lines split across chunks', async () => {
    const lines = await collect(splitLines(chunksOf('{"a":1}\n{"b"', ':2}\n', '\n{"c":3}\n')));
    expect(lines.map((l) => [l.lineNumber, l.text, l.bytes, l.terminated])).toEqual([
      [1, '{"a":1}', 8, true],
      [2, '{"b":2}', 8, true],
      [3, '', 1, true],
      [4, '{"c":3}', 8, true],
    ]);
  });

  it('strips the CR of CRLF line ends', async () => {
    const lines = await collect(splitLines(chunksOf('one\r\ntwo\r', '\n')));
    expect(lines.map((l) => [l.text, l.bytes])).toEqual([['one', 5], ['two', 5]]);
  });

  it('reports a last line without newline as not terminated (possibly truncated)', async () => {
    const lines = await collect(splitLines(chunksOf('{"a":1}\n{"b":')));
    expect(lines[1]).toMatchObject({ lineNumber: 2, text: '{"b":', terminated: false });
    expect(await collect(splitLines(chunksOf('x\n')))).toHaveLength(1);
  });

  it('decodes a UTF-8 character split between chunks', async () => {
    const bytes = Buffer.from('é€\n', 'utf8');
    const lines = await collect(splitLines(chunksOf(bytes.subarray(0, 1), bytes.subarray(1, 3), bytes.subarray(3))));
    expect(lines[0]!.text).toBe('é€');
  });

  it('does not hold a line past the limit: it keeps its head, counts its bytes and goes on', async () => {
    const long = 'x'.repeat(5000);
    const lines = await collect(splitLines(chunksOf('ok\n', long.slice(0, 3000), long.slice(3000), '\nnext\n'), { maxLineBytes: 2048 }));
    expect(lines.map((l) => [l.lineNumber, l.tooLong, l.bytes])).toEqual([
      [1, false, 3],
      [2, true, 5001],
      [3, false, 5],
    ]);
    expect(lines[1]!.text.length).toBe(1024);
    expect(lines[2]!.text).toBe('next');
  });

  it('keeps memory bounded over a long stream (100k lines through small chunks)', async () => {
    async function* many(): AsyncGenerator<Buffer> {
      for (let i = 0; i < 100_000; i++) yield Buffer.from(`{"i":${i}}\n`);
    }
    let count = 0;
    let last = '';
    for await (const line of splitLines(many())) {
      count++;
      last = line.text;
    }
    expect(count).toBe(100_000);
    expect(last).toBe('{"i":99999}');
  });
});

describe('splitLineBatches', () => {
  it('yields the lines each chunk completes together, never an empty batch, and a cut last line on its own', async () => {
    const batches: string[][] = [];
    for await (const lines of splitLineBatches(chunksOf('a\nb\nc', 'c\n', 'no newline yet ', 'd\ne\n', '{"cut":'))) {
      batches.push(lines.map((l) => `${l.lineNumber}:${l.text}${l.terminated ? '' : ' (cut)'}`));
    }
    expect(batches).toEqual([['1:a', '2:b'], ['3:cc'], ['4:no newline yet d', '5:e'], ['6:{"cut": (cut)']]);
  });
});

describe('isBlankLine', () => {
  it('is true for nothing or JSON whitespace only, false as soon as anything else is there', () => {
    expect(isBlankLine(Buffer.from(''))).toBe(true);
    expect(isBlankLine(Buffer.from(' \t\r '))).toBe(true);
    expect(isBlankLine(Buffer.from('  {}'))).toBe(false);
    expect(isBlankLine(Buffer.from('\u00a0'))).toBe(false);
  });
});

