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
 * returned itself, not copied, so callers must not mutate the result. Given `parsedFrom`, the JSON
 * text `value` was parsed from (an archive line), the text is judged instead of walking the object:
 * a parsed string can hold U+0000 or a lone surrogate only through an escape ({@link hasRefusedEscape}),
 * since JSON.parse refuses raw control characters and UTF-8 decoding leaves no lone surrogate. On an
 * archive import the walk cost about 4% of the importer's CPU.
 */
export function toStorableDeepIfNeeded<T>(value: T, parsedFrom?: string): T {
  if (parsedFrom !== undefined && !hasRefusedEscape(parsedFrom)) return value;
  return isStorableDeep(value) ? value : (toStorableDeep(value) as T);
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
