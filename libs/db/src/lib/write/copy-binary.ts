import type { ColumnType } from '../ingest/item-table';
import { copyTextOf, JsonText, storableJson, UnstorableValueError, type CopyValue } from './copy-text';

/** A column of a binary COPY: its name (for messages) and the PostgreSQL type it is sent as. */
export interface CopyColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/** A COPY statement and the columns it reads, in order. */
export interface CopyInto {
  readonly sql: string;
  readonly columns: readonly CopyColumn[];
}

/** The signature, flags and header-extension length that open every binary COPY stream. */
const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** A field count of -1 ends the stream. */
const TRAILER = Buffer.from([0xff, 0xff]);
/** Microseconds from the Unix epoch to PostgreSQL's (2000-01-01). */
const POSTGRES_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;
const INT4_MIN = -(2 ** 31);
const INT4_MAX = 2 ** 31 - 1;
/** jsonb's binary form: a version byte, then the JSON text. */
const JSONB_VERSION = 1;

type FieldWriter = (rows: BinaryCopyRows, value: Exclude<CopyValue, null | undefined>, column: CopyColumn) => void;

/**
 * Packs rows into chunks of PostgreSQL's binary COPY format (`copy … from stdin (format binary)`),
 * each row written straight into the chunk's buffer: a length and the bytes of each field, no
 * escaping, no text to parse. Against the text format it saves node the escaped copy and the joined
 * line of every row, and the server the parsing of times and numbers (README "The write path").
 *
 * The values keep the text format's meaning: text is made storable (no NUL, no lone surrogate), JSON
 * text jsonb refuses is repaired, and a value PostgreSQL would refuse for its type (an int out of
 * range, a fraction for an integer) throws an {@link UnstorableValueError} carrying the SQLSTATE the
 * server gives the same value as text; the row is then left out whole. Row boundaries stay inside a
 * chunk; a row larger than a chunk gets a chunk of its own. The first chunk starts with the format's
 * header, the last ends with its trailer. Mutable.
 */
export class BinaryCopyRows {
  private buffer: Buffer;
  private used = 0;
  private rowStart = 0;
  /** a chunk completed while the current row was written, handed out when the row is done */
  private completed: Buffer | null = null;
  private readonly writers: readonly FieldWriter[];

  constructor(
    private readonly columns: readonly CopyColumn[],
    private readonly chunkBytes: number,
  ) {
    this.writers = columns.map((column) => FIELD_WRITERS[column.type]);
    this.buffer = Buffer.allocUnsafe(Math.max(chunkBytes, HEADER.length));
    this.used = HEADER.copy(this.buffer, 0);
  }

  /**
   * Adds a row (one value per column); returns the chunk it completed, else null. A value that cannot
   * be stored throws, and leaves nothing of its row.
   */
  add(values: readonly CopyValue[]): Buffer | null {
    if (values.length !== this.columns.length) {
      throw new TypeError(`a row of ${values.length} values for a COPY of ${this.columns.length} columns`);
    }
    this.rowStart = this.used;
    try {
      this.reserve(2);
      this.used = this.buffer.writeInt16BE(values.length, this.used);
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (value === null || value === undefined) {
          this.reserve(4);
          this.used = this.buffer.writeInt32BE(-1, this.used);
        } else {
          (this.writers[i] as FieldWriter)(this, value, this.columns[i] as CopyColumn);
        }
      }
    } catch (error) {
      this.used = this.rowStart;
      throw error;
    }
    const full = this.completed;
    this.completed = null;
    return full;
  }

  /**
   * The rows added since the last chunk, then the stream's trailer: call once, after the last row.
   * Two chunks when the trailer did not fit beside the rows.
   */
  finish(): Buffer[] {
    this.rowStart = this.used;
    this.reserve(TRAILER.length);
    this.used += TRAILER.copy(this.buffer, this.used);
    const last = [...(this.completed ? [this.completed] : []), this.buffer.subarray(0, this.used)];
    this.completed = null;
    this.used = 0;
    return last;
  }

  // The fields of a row, as FIELD_WRITERS send them.

  int32(value: number): void {
    const at = this.field(4);
    this.buffer.writeInt32BE(value, at);
  }

  /** An int8 from a whole number within ±2^53 (the high and low 32 bits). */
  int64(value: number): void {
    const at = this.field(8);
    const high = Math.floor(value / TWO_32);
    this.buffer.writeInt32BE(high, at);
    this.buffer.writeUInt32BE(value - high * TWO_32, at + 4);
  }

  float32(value: number): void {
    const at = this.field(4);
    this.buffer.writeFloatBE(value, at);
  }

  float64(value: number): void {
    const at = this.field(8);
    this.buffer.writeDoubleBE(value, at);
  }

  boolean(value: boolean): void {
    const at = this.field(1);
    this.buffer[at] = value ? 1 : 0;
  }

  /** Writes a field holding `text` as UTF-8, after `prefix` (jsonb's version byte) when given. */
  text(text: string, prefix?: number): void {
    const head = prefix === undefined ? 4 : 5;
    // a UTF-16 code unit takes at most 3 UTF-8 bytes
    this.reserve(head + text.length * 3);
    const lengthAt = this.used;
    if (prefix !== undefined) this.buffer[lengthAt + 4] = prefix;
    const bytes = this.buffer.write(text, lengthAt + head, 'utf8');
    this.buffer.writeInt32BE(bytes + head - 4, lengthAt);
    this.used = lengthAt + head + bytes;
  }

  /** Writes a field holding `data` as it is, after `prefix` (jsonb's version byte). */
  bytes(data: Uint8Array, prefix: number): void {
    const at = this.field(1 + data.length);
    this.buffer[at] = prefix;
    this.buffer.set(data, at + 1);
  }

  /** Takes room for a field of `bytes` bytes and writes its length; returns where its value goes. */
  private field(bytes: number): number {
    this.reserve(4 + bytes);
    const at = this.buffer.writeInt32BE(bytes, this.used);
    this.used = at + bytes;
    return at;
  }

  /**
   * Makes room for `bytes` more bytes of the current row: when the chunk is full, the rows before
   * this one become a completed chunk and the row so far moves to a new buffer.
   */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const partial = this.used - this.rowStart;
    const next = Buffer.allocUnsafe(Math.max(this.chunkBytes, partial + bytes));
    this.buffer.copy(next, 0, this.rowStart, this.used);
    if (this.rowStart > 0) this.completed = this.buffer.subarray(0, this.rowStart);
    this.buffer = next;
    this.used = partial;
    this.rowStart = 0;
  }
}

function refuse(column: CopyColumn, value: unknown, why: string, sqlState: string | null): never {
  throw new UnstorableValueError(`${column.name} (${column.type}): ${why}: ${String(value)}`, sqlState);
}

function numberFor(column: CopyColumn, value: unknown): number {
  if (typeof value !== 'number') refuse(column, value, `not a number but a ${value instanceof Date ? 'date' : typeof value}`, null);
  if (!Number.isFinite(value)) throw new UnstorableValueError(`cannot store the number ${value}`, null);
  return value;
}

function integerFor(column: CopyColumn, value: unknown, min: number, max: number): number {
  const n = numberFor(column, value);
  // PostgreSQL refuses a fraction for an integer type (22P02) and a value outside its range (22003)
  if (!Number.isInteger(n)) refuse(column, n, 'not a whole number', '22P02');
  if (n < min || n > max) refuse(column, n, 'out of range', '22003');
  return n;
}

const FIELD_WRITERS: Readonly<Record<ColumnType, FieldWriter>> = {
  text: (rows, value) => rows.text(copyTextOf(value)),
  jsonb: (rows, value) => {
    const json = value instanceof JsonText ? storableJson(value.json) : copyTextOf(value);
    if (typeof json === 'string') rows.text(json, JSONB_VERSION);
    else rows.bytes(json, JSONB_VERSION);
  },
  int: (rows, value, column) => {
    const n = integerFor(column, value, INT4_MIN, INT4_MAX);
    rows.int32(n);
  },
  bigint: (rows, value, column) => {
    const n = integerFor(column, value, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    rows.int64(n);
  },
  real: (rows, value, column) => {
    const n = numberFor(column, value);
    if (!Number.isFinite(Math.fround(n))) refuse(column, n, 'out of range', '22003');
    rows.float32(n);
  },
  'double precision': (rows, value, column) => {
    const n = numberFor(column, value);
    rows.float64(n);
  },
  boolean: (rows, value, column) => {
    if (typeof value !== 'boolean') refuse(column, value, `not a boolean but a ${typeof value}`, null);
    rows.boolean(value);
  },
  timestamptz: (rows, value, column) => {
    if (!(value instanceof Date)) refuse(column, value, `not a Date but a ${typeof value}`, null);
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new UnstorableValueError('cannot store an invalid date', null);
    // microseconds since 2000-01-01; the server checks the range (22008)
    rows.int64((ms - POSTGRES_EPOCH_MS) * 1000);
  },
};
