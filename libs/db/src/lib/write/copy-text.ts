import { stripNul, stripNulDeep } from '@sentiment-ingest/models';

/** A value COPY can carry in text format. */
export type CopyValue = string | number | boolean | Date | null | undefined | Readonly<Record<string, unknown>>;

/**
 * Encodes one row in PostgreSQL's COPY text format: tab-separated, `\N` for null, backslash
 * escapes for `\`, newline, carriage return and tab. NUL characters are removed, since text and
 * jsonb cannot hold them. See https://www.postgresql.org/docs/15/sql-copy.html ("Text Format").
 */
export function encodeCopyRow(values: readonly CopyValue[]): string {
  return `${values.map(encodeCopyValue).join('\t')}\n`;
}

function encodeCopyValue(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot store the number ${value}`);
    return String(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('cannot store an invalid date');
    return value.toISOString();
  }
  if (typeof value === 'string') return escapeText(stripNul(value));
  return escapeText(toJsonText(value));
}

function toJsonText(value: Readonly<Record<string, unknown>>): string {
  const text = JSON.stringify(value);
  // jsonb rejects the escape \u0000; only pay for the deep clean when it occurs.
  return text.includes('\\u0000') ? JSON.stringify(stripNulDeep(value)) : text;
}

const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeText(text: string): string {
  return /[\\\n\r\t]/.test(text) ? text.replace(/[\\\n\r\t]/g, (ch) => ESCAPES[ch] ?? ch) : text;
}
