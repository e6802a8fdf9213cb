/**
 * Packs COPY rows (strings) into UTF-8 chunks of about `chunkBytes`, each row written straight into
 * the chunk's buffer. Concatenating the rows into one string and converting that to a Buffer costs
 * about twice as much CPU (the joined string is flattened, then encoded again), and on a bulk import
 * node's CPU is the limit. A row larger than a chunk gets a chunk of its own size. Mutable.
 */
export class CopyChunks {
  private buffer: Buffer | null = null;
  private used = 0;

  constructor(private readonly chunkBytes: number) {}

  /** Adds a row; returns the chunk it completed (the row then starts the next one), else null. */
  add(row: string): Buffer | null {
    let full: Buffer | null = null;
    // a UTF-16 code unit takes at most 3 UTF-8 bytes: the exact length is only needed near the end
    if (this.buffer === null || this.used + row.length * 3 > this.buffer.length) {
      const bytes = Buffer.byteLength(row, 'utf8');
      if (this.buffer !== null && this.used + bytes > this.buffer.length) full = this.take();
      if (this.buffer === null) this.buffer = Buffer.allocUnsafe(Math.max(this.chunkBytes, bytes));
    }
    this.used += this.buffer.write(row, this.used, 'utf8');
    return full;
  }

  /** The rows added since the last chunk, or null when there are none. */
  take(): Buffer | null {
    if (this.buffer === null || this.used === 0) return null;
    const chunk = this.buffer.subarray(0, this.used);
    this.buffer = null;
    this.used = 0;
    return chunk;
  }
}
