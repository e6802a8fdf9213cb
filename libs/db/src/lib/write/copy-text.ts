import { hasRefusedEscape, toStorableDeep, toStorableText, type RawJson } from '@sentiment-ingest/models';

/**
 * JSON text already serialised (e.g. a dump line as read), for a `jsonb` column: COPY sends it as it
 * is instead of serialising the parsed object again. It must be a JSON text (bytes: valid UTF-8, or
 * PostgreSQL refuses the row); escapes jsonb refuses are repaired on the way (see {@link storableJson}).
 */
export class JsonText {
  constructor(readonly json: RawJson) {}
}

/** A value COPY can carry in text format. */
export type CopyValue = string | number | boolean | Date | null | undefined | JsonText | Readonly<Record<string, unknown>>;

/**
 * A value PostgreSQL cannot store as given (NaN, an invalid date, an int out of range): the row is
 * set aside, not retried. `sqlState`: the SQLSTATE the server gives the same value in text, when it
 * has one (22003 out of range, 22P02 not a whole number), so a quarantined row says the same whether
 * the server or the encoder refused it.
 */
export class UnstorableValueError extends RangeError {
  constructor(
    message: string,
    readonly sqlState: string | null = null,
  ) {
    super(message);
    this.name = 'UnstorableValueError';
  }
}

/**
 * Encodes one row in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash
 * escapes for `\`, newline, carriage return and tab. Text is made storable on the way (no NUL, no
 * lone UTF-16 surrogate: `text` and `jsonb` refuse them), so no source can send a value that fails
 * the whole COPY. See https://www.postgresql.org/docs/15/sql-copy.html ("Text Format"). The write
 * path sends the same values in binary (`BinaryCopyRows`, copy-binary.ts); this is the plain COPY of a row,
 * e.g. a benchmark's baseline.
 */
export function encodeCopyRow(values: readonly CopyValue[]): string {
  return `${values.map(encodeCopyValue).join('\t')}\n`;
}

function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  // numbers, times and t/f hold nothing to escape (and a benchmark's baseline times this encoding)
  const plain = typeof value === 'number' || typeof value === 'boolean' || value instanceof Date;
  return plain ? copyTextOf(value) : escapeText(copyTextOf(value));
}

/**
 * A value's text as PostgreSQL reads it, before COPY's escapes: storable text, JSON text for jsonb
 * (repaired when jsonb would refuse it), ISO-8601 UTC times, `t`/`f`. Throws
 * {@link UnstorableValueError} for NaN, an infinity or an invalid date.
 */
export function copyTextOf(value: Exclude<CopyValue, null | undefined>): string {
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnstorableValueError(`cannot store the number ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnstorableValueError('cannot store an invalid date');
    return value.toISOString();
  }
  if (typeof value === 'string') return toStorableText(value);
  if (value instanceof JsonText) {
    const json = storableJson(value.json);
    return typeof json === 'string' ? json : bufferOf(json).toString('utf8');
  }
  return toJsonText(value);
}

/**
 * JSON escapes jsonb refuses: `\u0000`, and lone surrogates. JSON.stringify writes paired
 * surrogates as the characters themselves, so any surrogate escape it writes is a lone one.
 */
const JSONB_REFUSED_ESCAPE = /\\u0000|\\ud[89a-f]/i;

function toJsonText(value: Readonly<Record<string, unknown>>): string {
  const text = JSON.stringify(value);
  // Only pay for the deep clean when an escape jsonb refuses occurs.
  return text.includes('\\u') && JSONB_REFUSED_ESCAPE.test(text) ? JSON.stringify(toStorableDeep(value)) : text;
}

/** A Buffer view of the bytes (no copy), for its native searches and decoding. */
const bufferOf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * JSON text or its UTF-8 bytes as given when jsonb takes them, else repaired text (see
 * {@link storableJsonText}). Bytes are only decoded when they hold a NUL or a `\u` escape, the only
 * ways to what jsonb refuses.
 */
export function storableJson(json: RawJson): RawJson {
  if (typeof json === 'string') return storableJsonText(json);
  const bytes = bufferOf(json);
  if (bytes.indexOf(0) === -1 && bytes.indexOf('\\u') === -1) return json;
  const text = bytes.toString('utf8');
  const storable = storableJsonText(text);
  return storable === text ? json : storable;
}

/**
 * JSON text as given when jsonb takes it. Else (an escape it refuses, or a raw NUL, which no JSON
 * text may hold and COPY cannot carry) parsed and written again repaired, so one bad payload cannot
 * fail the whole COPY; such text that does not even parse is set aside as unstorable.
 */
function storableJsonText(text: string): string {
  if (!text.includes('\u0000') && !hasRefusedEscape(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UnstorableValueError(`cannot store JSON text that does not parse: ${(error as Error).message}`);
  }
  return JSON.stringify(toStorableDeep(parsed));
}

/**
 * COPY's escapes, one character at a time: a search for each character and a plain replaceAll run in
 * V8's native string code, and cost an archive import less than one regular expression with a
 * replacement callback (JSON text, with its escaped quotes, nearly always holds a backslash).
 */
function escapeText(text: string): string {
  let out = text.includes('\\') ? text.replaceAll('\\', '\\\\') : text;
  if (out.includes('\n')) out = out.replaceAll('\n', '\\n');
  if (out.includes('\r')) out = out.replaceAll('\r', '\\r');
  if (out.includes('\t')) out = out.replaceAll('\t', '\\t');
  return out;
}
