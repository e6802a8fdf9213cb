import { CopyChunks } from './copy-chunks';

/** Every row through the chunker, and the chunks it made. */
function pack(rows: readonly string[], chunkBytes: number): Buffer[] {
  const chunks = new CopyChunks(chunkBytes);
  const out: Buffer[] = [];
  for (const row of rows) {
    const full = chunks.add(row);
    if (full) out.push(full);
  }
  const rest = chunks.take();
  if (rest) out.push(rest);
  return out;
}

describe('CopyChunks', () => {
  it('keeps every byte of every row, in order, across chunks, with characters of 1 to 4 UTF-8 bytes', () => {
    const rows = Array.from({ length: 500 }, (_, i) => `${i}\tpost ${i} é€🙂 ${'x'.repeat(i % 37)}\n`);
    const chunks = pack(rows, 256);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(rows.join(''));
    expect(chunks.length).toBeGreaterThan(10);
  });

  it('never splits a row: each chunk ends at a row end and stays within its size', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `row ${i} ${'ü'.repeat(i % 20)}\n`);
    for (const chunk of pack(rows, 100)) {
      expect(chunk.length).toBeLessThanOrEqual(100);
      expect(chunk[chunk.length - 1]).toBe(0x0a);
    }
  });

  it('gives a row larger than a chunk a chunk of its own', () => {
    const big = `${'b'.repeat(1000)}\n`;
    const chunks = pack(['a\n', big, 'c\n'], 64);
    expect(chunks.map((c) => c.toString('utf8'))).toEqual(['a\n', big, 'c\n']);
  });

  it('has nothing to give before any row', () => {
    expect(new CopyChunks(64).take()).toBeNull();
  });
});
