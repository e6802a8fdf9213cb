/**
 * Text PostgreSQL can store. `text` and `jsonb` cannot hold U+0000 (SQLSTATE 22P05/22021), and
 * `jsonb` rejects the JSON escape of a lone UTF-16 surrogate (`"\ud83d"` alone: SQLSTATE 22P02),
 * which real Reddit payloads and archive dumps contain.
 */

/** Removes U+0000, which PostgreSQL `text` and `jsonb` cannot hold. */
export function stripNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
}

interface WellFormedString {
  isWellFormed(): boolean;
  toWellFormed(): string;
}

/** Replaces each lone UTF-16 surrogate with U+FFFD (the replacement character); paired ones stay. */
export function replaceLoneSurrogates(value: string): string {
  // String.prototype.toWellFormed is in Node >= 20; the es2023 typings predate it.
  const text = value as unknown as WellFormedString;
  return text.isWellFormed() ? value : text.toWellFormed();
}

/** Makes one string storable: no NUL, no lone surrogate. */
export function toStorableText(value: string): string {
  return replaceLoneSurrogates(stripNul(value));
}

/** Applies {@link toStorableText} to every string (keys too) inside a JSON-like value, returning a new value. */
export function toStorableDeep(value: unknown): unknown {
  if (typeof value === 'string') return toStorableText(value);
  if (Array.isArray(value)) return value.map(toStorableDeep);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[toStorableText(key)] = toStorableDeep(inner);
    return out;
  }
  return value;
}

/** True when a string needs no repair: no NUL, no lone surrogate. Allocates nothing. */
function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && (value as unknown as WellFormedString).isWellFormed();
}

/** True when every string inside a JSON-like value (keys too) is storable as it is. Allocates nothing. */
export function isStorableDeep(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) {
    for (const inner of value) if (!isStorableDeep(inner)) return false;
    return true;
  }
  if (value !== null && typeof value === 'object') {
    // for…in with hasOwn visits the keys Object.entries would, without building the entries array
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      if (!isStorableText(key) || !isStorableDeep((value as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return true;
}

/**
 * {@link toStorableDeep} only when something needs repair: a clean value (nearly every payload) is
 * returned itself, not copied, so callers must not mutate the result.
 */
export function toStorableDeepIfNeeded<T>(value: T): T {
  return isStorableDeep(value) ? value : (toStorableDeep(value) as T);
}
