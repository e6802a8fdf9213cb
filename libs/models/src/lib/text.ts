/** PostgreSQL `text` and `jsonb` cannot hold U+0000 (SQLSTATE 22P05/22021), so it is removed. */
export function stripNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

/** Applies {@link stripNul} to every string inside a JSON-like value, returning a new value. */
export function stripNulDeep(value: unknown): unknown {
  if (typeof value === 'string') return stripNul(value);
  if (Array.isArray(value)) return value.map(stripNulDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[stripNul(key)] = stripNulDeep(inner);
    return out;
  }
  return value;
}
