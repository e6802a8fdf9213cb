import { toStorableDeep, toStorableText } from '@sentiment-ingest/models';

/** A value COPY can carry in text format. */
export type CopyValue = string | number | boolean | Date | null | undefined | Readonly<Record<string, unknown>>;

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

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (ch) => ESCAPES[ch] ?? ch) : text;
}
