import { parse } from 'dotenv';
import { expand } from 'dotenv-expand';
import { urlPartsToEncode } from './postgres-url';

/**
 * `.env` text as read by the apps (the rules are in the README, "Configuration"):
 * - `'single quoted'` values are literal: no `$` expansion, no escapes;
 * - in unquoted and `"double quoted"` values, `${VAR}`, `$VAR`, `${VAR:-default}`, `${VAR-default}`,
 *   `${VAR:+alt}` and `${VAR+alt}` expand as dotenv-expand 12 does, `\$` is a literal `$`, and
 *   substituted text is never expanded again;
 * - in a value starting with postgres:// or postgresql://, what a reference substitutes into the
 *   user-info or the database path is percent-encoded.
 *
 * dotenv's `parse` reads the lines (quotes, comments, multi-line values); expansion is ours because
 * dotenv-expand expands single-quoted values and re-expands substituted text, which turns a `$` in a
 * password into a reference. dotenv-expand still serves to predict what Nx copied into the task's
 * environment (see {@link resolveEnvFile}).
 */
export interface EnvFileValues {
  /** dotenv's values (quotes stripped), in file order */
  readonly values: Readonly<Record<string, string>>;
  /** keys whose (last) definition was single-quoted */
  readonly literal: ReadonlySet<string>;
}

// dotenv 17's line grammar (`LINE` in dotenv/lib/main.js), only to see how each value was quoted;
// the values come from dotenv's own parse. env-file-expansion.spec.ts checks the two agree.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** Parses `.env` text with dotenv, noting which values were single-quoted. */
export function readEnvText(text: string): EnvFileValues {
  const literal = new Set<string>();
  for (const [, key, raw] of text.replace(/\r\n?/g, '\n').matchAll(LINE)) {
    if (key === undefined) continue;
    // dotenv strips a quote only when the value both starts and ends with it; later lines win.
    if (/^'[\s\S]*'$/.test((raw ?? '').trim())) literal.add(key);
    else literal.delete(key);
  }
  return { values: parse(text), literal };
}

type Lookup = (name: string) => string | undefined;

const REFERENCE = /\\\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|-|:\+|\+)([^{}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

type Piece = { text: string } | { name: string; operator: string | undefined; argument: string };

function toPieces(template: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of template.matchAll(REFERENCE)) {
    const [whole, braced, operator, argument, bare] = match;
    if (match.index > last) pieces.push({ text: template.slice(last, match.index) });
    if (whole === '\\$') pieces.push({ text: '$' });
    else pieces.push({ name: (braced ?? bare) as string, operator, argument: argument ?? '' });
    last = match.index + whole.length;
  }
  if (last < template.length) pieces.push({ text: template.slice(last) });
  return pieces;
}

/** Expands one unquoted or double-quoted value; substituted text is taken as is, never re-expanded. */
export function expandValue(template: string, lookup: Lookup, options: { encodeUrlParts: boolean } = { encodeUrlParts: true }): string {
  const pieces = toPieces(template);
  // One placeholder character per reference: only the literal text delimits the URL's parts.
  const skeleton = pieces.map((piece) => ('text' in piece ? piece.text : '\u0000')).join('');
  const encodeAt = options.encodeUrlParts ? urlPartsToEncode(skeleton) : () => false;
  let position = 0;
  let result = '';
  for (const piece of pieces) {
    if ('text' in piece) {
      result += piece.text;
      position += piece.text.length;
      continue;
    }
    const produced = substitute(piece, lookup);
    result += encodeAt(position) ? encodeURIComponent(produced) : produced;
    position += 1;
  }
  return result;
}

// dotenv-expand 12's operators: `-` and `:-` both fall back when the variable is unset or empty;
// `+` and `:+` both give the alternative when it is set and not empty.
function substitute(piece: { name: string; operator: string | undefined; argument: string }, lookup: Lookup): string {
  const value = lookup(piece.name);
  const argument = () => expandValue(piece.argument, lookup, { encodeUrlParts: false });
  if (piece.operator === ':+' || piece.operator === '+') return value ? argument() : '';
  if (piece.operator === ':-' || piece.operator === '-') return value ? value : argument();
  return value ?? '';
}

/**
 * Expands every value of the file, top to bottom. A reference resolves to `base` (the process
 * environment, which wins over `.env`) and otherwise to a value defined above it in the file.
 */
export function expandEnvFile(file: EnvFileValues, base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const expanded: Record<string, string> = {};
  const lookup: Lookup = (name) => base[name] ?? expanded[name];
  for (const [key, value] of Object.entries(file.values)) {
    expanded[key] = file.literal.has(key) ? value : expandValue(value, lookup);
  }
  return expanded;
}

/**
 * What Nx 23 puts into a task's environment for this file, given the environment it started from:
 * dotenv's `config` (which keeps variables already set) then dotenv-expand over the same object
 * (nx/dist/src/tasks-runner/task-env.js, `loadAndExpandDotEnvFile`).
 */
export function expandLikeNx(values: Readonly<Record<string, string>>, base: Readonly<Record<string, string>>): Record<string, string> {
  const processEnv: Record<string, string> = { ...base };
  for (const [key, value] of Object.entries(values)) if (!Object.hasOwn(processEnv, key)) processEnv[key] = value;
  return { ...expand({ parsed: { ...values }, processEnv }).parsed };
}

/** The file's values as the app uses them, and the keys the process environment really overrides. */
export interface ResolvedEnvFile {
  /** our expansion of each key (process overrides already substituted into references) */
  readonly values: Readonly<Record<string, string>>;
  /** keys whose process value is the user's own, not a copy of `.env` made by Nx */
  readonly overridden: ReadonlySet<string>;
}

/**
 * Expands the file and decides which process values are real overrides. Nx copies `.env` into the
 * environment of every task, expanded its own way (a `$` in a single-quoted or escaped password is
 * expanded there). A process value is taken as coming from `.env` when it equals our expansion, or
 * what Nx makes of the file given the real overrides of the other keys. Those overrides are found
 * by iterating: a key whose value is explained by the others' overrides drops out, so a password
 * set in the shell does not make the URL that Nx built from it look like an override too.
 */
export function resolveEnvFile(file: EnvFileValues, processEnv: Readonly<Record<string, string | undefined>>): ResolvedEnvFile {
  const keys = Object.keys(file.values);
  const outside: Record<string, string> = {};
  for (const [key, value] of Object.entries(processEnv)) {
    if (value !== undefined && !Object.hasOwn(file.values, key)) outside[key] = value;
  }
  const baseWith = (overridden: ReadonlySet<string>, except?: string) => {
    const base = { ...outside };
    for (const key of overridden) if (key !== except) base[key] = processEnv[key] as string;
    return base;
  };
  let overridden = new Set<string>();
  // Each round settles at least one more key; the bound only guards against a cycle.
  for (let round = 0; round <= keys.length; round += 1) {
    const ours = expandEnvFile(file, baseWith(overridden));
    const next = new Set(
      keys.filter((key) => {
        const value = processEnv[key];
        if (value === undefined || value === ours[key]) return false;
        return value !== expandLikeNx(file.values, baseWith(overridden, key))[key];
      }),
    );
    const settled = next.size === overridden.size && [...next].every((key) => overridden.has(key));
    overridden = next;
    if (settled) break;
  }
  return { values: expandEnvFile(file, baseWith(overridden)), overridden };
}
