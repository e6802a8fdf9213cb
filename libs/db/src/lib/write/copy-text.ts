import { toStorableDeep, toStorableText } from '@sentiment-ingest/models';

/**
 * JSON text already serialised (e.g. a dump line as read), for a `jsonb` column: COPY sends it as it
 * is instead of serialising the parsed object again. It must be a JSON text; escapes jsonb refuses
 * are repaired on the way (see {@link encodeCopyRow}).
 */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A value COPY can carry in text format. */
export type CopyValue = string | number | boolean | Date | null | undefined | JsonText | Readonly<Record<string, unknown>>;

/** A value PostgreSQL cannot store as given (NaN, an invalid date): the row is set aside, not retried. */
export class UnstorableValueError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'UnstorableValueError';
  }
}

/**
 * Encodes one row in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash
 * escapes for `\`, newline, carriage return and tab. Text is made storable on the way (no NUL, no
 * lone UTF-16 surrogate: `text` and `jsonb` refuse them), so no source can send a value that fails
 * the whole COPY. See https://www.postgresql.org/docs/15/sql-copy.html ("Text Format").
 */
export function encodeCopyRow(values: readonly CopyValue[]): string {
  return `${values.map(encodeCopyValue).join('\t')}\n`;
}

function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new UnstorableValueError(`cannot store the number ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new UnstorableValueError('cannot store an invalid date');
    return value.toISOString();
  }
  if (typeof value === 'string') return escapeText(toStorableText(value));
  if (value instanceof JsonText) return escapeText(storableJsonText(value.text));
  return escapeText(toJsonText(value));
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
 * True when JSON text holds `\u0000` or the escape of a lone surrogate. Unlike JSON.stringify's
 * output, text as received may escape a pair (`\ud83d\ude00`, emoji in ASCII-only dumps), which
 * jsonb takes; so escapes are read one by one (`\\u0000` is a backslash, then text).
 */
export function hasRefusedEscape(text: string): boolean {
  if (!text.includes('\\u')) return false;
  for (let i = text.indexOf('\\'); i !== -1; i = text.indexOf('\\', i)) {
    if (text.charCodeAt(i + 1) !== 0x75 /* u */) {
      i += 2;
      continue;
    }
    const unit = hex4(text, i + 2);
    if (unit === 0) return true;
    if (unit >= 0xdc00 && unit <= 0xdfff) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 6) === 0x5c /* \\ */ && text.charCodeAt(i + 7) === 0x75 ? hex4(text, i + 8) : -1;
      if (next < 0xdc00 || next > 0xdfff) return true;
      i += 12;
      continue;
    }
    i += 6;
  }
  return false;
}

/** The value of four hex digits at `at`, -1 if they are not (read without slicing the text). */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let k = at; k < at + 4; k++) {
    const c = text.charCodeAt(k) | 0x20; // lower case; NaN past the end becomes 0x20
    const digit = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : -1;
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
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
