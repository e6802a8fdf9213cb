/** Small pure helpers for Reddit's JSON bodies, which are untrusted input. */

/** A marker for a body that is not JSON (distinct from a JSON `null`). */
export const NOT_JSON = Symbol('not JSON');

/** The parsed body, or {@link NOT_JSON}. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reddit's short machine reason (`{"reason": "private"}`, `{"error": "invalid_grant"}`) from a body,
 * only if it looks like one: arbitrary text from a response never reaches messages or logs.
 */
export function shortReason(body: unknown, field: 'reason' | 'error'): string | undefined {
  if (!isRecord(body)) return undefined;
  const value = body[field];
  return typeof value === 'string' && /^[A-Za-z0-9_.-]{1,64}$/.test(value) ? value : undefined;
}
