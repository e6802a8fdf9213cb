import { hash32 } from './prng';

/** Reddit ids are base36 numbers; a fullname prefixes the kind: `t3_` for a submission. */
export const T3_PREFIX = 't3_';

/** A fullname that names a submission (`t3_` and a base36 id). */
const T3_FULLNAME = /^t3_([0-9a-z]{1,13})$/;

/** The base36 id of a number, as Reddit writes it. */
export function toBase36(n: number): string {
  return n.toString(36);
}

/** The submission fullname of an id: `abc` -> `t3_abc`. */
export function toT3Fullname(id: string): string {
  return `${T3_PREFIX}${id}`;
}

/** The id inside a submission fullname, or `null` when it is not one (`t1_x`, `abc`, garbage). */
export function fromT3Fullname(fullname: string): string | null {
  return T3_FULLNAME.exec(fullname)?.[1] ?? null;
}

/** Accepts `abc` or `t3_abc` and returns `abc`. */
export function toPostId(idOrFullname: string): string {
  return fromT3Fullname(idOrFullname) ?? idOrFullname;
}

/** A stable `t5_` fullname for a subreddit, derived from its name (case-insensitive, as Reddit's names are). */
export function subredditFullname(name: string): string {
  return `t5_${toBase36(10_000 + (hash32('t5', name.toLowerCase()) % 2_000_000_000))}`;
}

/** A stable `t2_` fullname for an account name. */
export function accountFullname(username: string): string {
  return `t2_${toBase36(1_000_000 + (hash32('t2', username) % 2_000_000_000))}`;
}

/**
 * The first submission id of a run: a 7-digit base36 number like today's Reddit ids (`1abcdef`),
 * shifted by the seed so two seeds do not share ids.
 */
export function firstIdNumber(seed: number): number {
  return parseInt('1a00000', 36) + (hash32('first-id', seed) % 1_000_000);
}
