/** Pure helpers for the `${VAR}` interpolation used by docker-compose.yml and .env.example. */

/** A variable reference such as `${PG_USER}`, `${LOG_LEVEL:-info}` or `$PG_DB`. */
export interface VariableRef {
  name: string;
  hasDefault: boolean;
}

/** One `KEY=VALUE` line of an env file, with its 1-based line number. */
export interface EnvEntry {
  key: string;
  value: string;
  line: number;
}

// Compose interpolation syntax: $$ escapes a dollar; ${VAR-d} / ${VAR:-d} give a default;
// ${VAR?e} / ${VAR:?e} only change the error. https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/
const REF = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-?+][^}]*)?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Finds the variable references in one string, in order. */
export function findVariableRefs(text: string): VariableRef[] {
  const refs: VariableRef[] = [];
  for (const match of text.matchAll(REF)) {
    const [whole, braced, modifier, bare] = match;
    if (whole === '$$') continue;
    const name = braced ?? bare;
    if (name === undefined) continue;
    const hasDefault = modifier !== undefined && /^:?-/.test(modifier);
    refs.push({ name, hasDefault });
  }
  return refs;
}

/**
 * Finds the references of one raw `.env` value as the apps expand it: none in a single-quoted value,
 * and `\$` is a literal dollar (libs/db's env-file-expansion.ts).
 */
export function findEnvFileRefs(rawValue: string): VariableRef[] {
  const value = rawValue.trim();
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return [];
  return findVariableRefs(value.replace(/\\\$/g, ''));
}

/** Collects every string value (not key) of a parsed YAML document, depth first. */
export function collectStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(collectStrings);
  if (node !== null && typeof node === 'object') return Object.values(node).flatMap(collectStrings);
  return [];
}

/**
 * Parses env-file text: blank lines and `#` comments are skipped; any other line must be
 * `KEY=VALUE`, otherwise it is returned in `invalid` with its line number.
 */
export function parseEnvFile(text: string): { entries: EnvEntry[]; invalid: number[] } {
  const entries: EnvEntry[] = [];
  const invalid: number[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] === undefined || match[2] === undefined) invalid.push(index + 1);
    else entries.push({ key: match[1], value: match[2], line: index + 1 });
  });
  return { entries, invalid };
}
