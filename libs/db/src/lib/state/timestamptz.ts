/** A timestamptz as a client returns it: a Date from plain pg, text from MikroORM's pool (its type parsers). */
export type TimestampValue = Date | string;

// PostgreSQL's text output of timestamptz (DateStyle ISO): 2026-11-30 04:51:52.123456+00, offsets
// +05:30 or, for historical zones, +00:53:28.
const PG_TIMESTAMPTZ = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?([+-]\d{2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

/** A timestamptz as a Date, whichever way the client returned it. */
export function toDate(value: TimestampValue): Date {
  if (value instanceof Date) return value;
  const match = PG_TIMESTAMPTZ.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a timestamptz in PostgreSQL's ISO output format`);
  const [, year, month, day, hour, minute, second, fraction = '', offsetHours = '+00', offsetMinutes = '00', offsetSeconds = '00'] = match;
  const sign = offsetHours.startsWith('-') ? -1 : 1;
  const offsetMs = sign * ((Math.abs(Number(offsetHours)) * 60 + Number(offsetMinutes)) * 60 + Number(offsetSeconds)) * 1000;
  const local = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), Number(fraction.padEnd(3, '0').slice(0, 3)));
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not
  const utc = new Date(local);
  utc.setUTCFullYear(Number(year));
  return new Date(utc.getTime() - offsetMs);
}
