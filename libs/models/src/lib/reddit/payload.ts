import type { z } from 'zod';

/** Helpers shared by the Reddit normalisers: reading untrusted payloads without throwing. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function describeKind(kind: unknown): string {
  return typeof kind === 'string' ? JSON.stringify(kind.slice(0, 20)) : typeof kind;
}

const looksLikeId = (value: string): boolean => /^[0-9a-z]{1,13}$/.test(value);

/** The item's id for a rejection report, only if it looks like one (untrusted text stays out of logs). */
export function idOf(data: unknown): string | null {
  if (!isRecord(data)) return null;
  const { id, name } = data as { id?: unknown; name?: unknown };
  if (typeof id === 'string' && looksLikeId(id)) return id;
  if (typeof name === 'string' && /^t\d_/.test(name) && looksLikeId(name.slice(3))) return name.slice(3);
  return null;
}

/** The first schema problem as `<field> <message>` (`item ...` for the payload as a whole). */
export function schemaReason(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'item';
  return `${field} ${issue?.message ?? 'is invalid'}`;
}

/** The reason a `name` does not match the id it should be the fullname of (`t3_<id>`), else null. */
export function nameMismatch(data: Record<string, unknown>, prefix: 't1' | 't3', id: string): string | null {
  const name = data['name'];
  if (name === undefined || name === null || name === `${prefix}_${id}`) return null;
  return `name ${typeof name === 'string' ? JSON.stringify(name.slice(0, 40)) : typeof name} does not match id ${id} (expected ${prefix}_${id})`;
}

/** A Date from seconds since the epoch, to the millisecond. */
export const dateOfSeconds = (seconds: number): Date => new Date(Math.round(seconds * 1000));
