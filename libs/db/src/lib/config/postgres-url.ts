/**
 * Pure helpers for postgres:// connection URLs: masking for logs, checks that say what to fix, and
 * building one from its parts. No message or masked URL made here contains a password.
 */

const SCHEME = /^postgres(?:ql)?:\/\//i;

/** How to write the special characters of a user, password or database name inside a URL. */
export const PERCENT_ENCODING_HINT = '`%` → %25, `@` → %40, `:` → %3A, `/` → %2F, `#` → %23, `?` → %3F';

/**
 * Masks the password of a connection URL by text, before any parsing: everything between `://` and
 * the last `@` after the user name's `:` becomes `***`. A password that confuses URL parsing (digits
 * then `#` or `/`, a stray `@`) is therefore never shown, not even in part. Text without `://` is
 * not a URL and gives a placeholder.
 */
export function redactUrl(value: string): string {
  const schemeEnd = value.indexOf('://');
  if (schemeEnd < 0) return '<unparseable url>';
  const authorityStart = schemeEnd + 3;
  // The last `@` ends the credentials: a password may contain `@`, `/`, `#` or `?` unencoded, a
  // host never contains `@`. Over-masking a query that holds `@` is the safe side.
  const at = value.lastIndexOf('@');
  if (at < authorityStart) return value;
  const userInfo = value.slice(authorityStart, at);
  const colon = userInfo.indexOf(':');
  if (colon < 0) return value;
  return `${value.slice(0, authorityStart)}${userInfo.slice(0, colon)}:***${value.slice(at)}`;
}

/**
 * The problems of a connection URL, each a phrase to follow the variable's name ("must be ...").
 * Checks what `new URL` lets through but the connection would get wrong: malformed `%` escapes
 * (which `decodeURIComponent` rejects) and password characters that end the authority early.
 */
export function postgresUrlProblems(value: string): string[] {
  const url = parseUrl(value);
  if (url === undefined || !SCHEME.test(value) || url.hostname === '') {
    return [
      'must be a URL like postgres://user:password@host:5432/db (check the host and port, and ' +
        `percent-encode special characters of the user, password and database name: ${PERCENT_ENCODING_HINT})`,
    ];
  }
  const problems: string[] = [];
  const parts: [part: string, text: string, variable: string][] = [
    ['user name', url.username, 'PG_USER'],
    ['password', url.password, 'PG_PASSWORD'],
    ['database name', url.pathname.slice(1), 'PG_DB'],
  ];
  for (const [part, text, variable] of parts) {
    if (decodeUrlPart(text) !== undefined) continue;
    problems.push(
      `has a \`%\` that is not followed by two hex digits in its ${part}: percent-encode it ` +
        `(${PERCENT_ENCODING_HINT}), or, in .env, keep the raw ${part} in ${variable} and write \${${variable}} ` +
        'in the URL, which encodes it',
    );
  }
  // A password with an unencoded `/`, `?` or `#` ends the authority early: what follows, up to the
  // real `@host`, lands in the path, query or fragment, and the "host" is the user name.
  if (url.hash !== '' || url.pathname.includes('@') || url.search.includes('@')) {
    problems.push(
      'has a `#`, or an `@` after the host: a `/`, `?` or `#` in the password ends the host part early; ' +
        `percent-encode them (${PERCENT_ENCODING_HINT})`,
    );
  }
  return problems;
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** Decodes a percent-encoded URL part; undefined when a `%` is not followed by two hex digits. */
export function decodeUrlPart(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The port when neither PG_PORT nor PG_PORT_CONTAINER is set: PostgreSQL's own default. */
const DEFAULT_PG_PORT = '5432';

/**
 * Builds a connection URL from raw parts, percent-encoding the user, password and database name so
 * that any password works. The port is PG_PORT, else PG_PORT_CONTAINER (PG_HOST is the compose
 * network's view, whose port that is), else 5432. Returns undefined without PG_HOST.
 */
export function databaseUrlFromParts(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const part = (name: string) => (env[name] ?? '').trim();
  const host = part('PG_HOST');
  if (host === '') return undefined;
  const port = part('PG_PORT') || part('PG_PORT_CONTAINER') || DEFAULT_PG_PORT;
  // Spaces are part of a password, so it is not trimmed.
  const user = part('PG_USER');
  const password = env['PG_PASSWORD'] ?? '';
  const database = part('PG_DB');
  const userInfo =
    user === '' && password === '' ? '' : `${encodeURIComponent(user)}${password === '' ? '' : `:${encodeURIComponent(password)}`}@`;
  // An IPv6 address needs brackets in a URL.
  const hostText = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `postgres://${userInfo}${hostText}:${port}${database === '' ? '' : `/${encodeURIComponent(database)}`}`;
}

/**
 * For a `.env` value template that starts with postgres:// or postgresql://, tells whether the text
 * at `position` lies in the user-info or in the database path: the parts whose substituted values
 * must be percent-encoded. `skeleton` is the template's literal text, with one placeholder character
 * per `${VAR}` reference; only literal `@`, `/`, `?` and `#` delimit the parts, never substituted
 * text. Host, port and query stay as written (IPv6 brackets, host names, options).
 */
export function urlPartsToEncode(skeleton: string): (position: number) => boolean {
  const scheme = SCHEME.exec(skeleton);
  if (!scheme) return () => false;
  const authorityStart = scheme[0].length;
  const delimiter = skeleton.slice(authorityStart).search(/[/?#]/);
  const authorityEnd = delimiter < 0 ? skeleton.length : authorityStart + delimiter;
  const at = skeleton.lastIndexOf('@', authorityEnd - 1);
  const userInfoEnd = at >= authorityStart ? at : authorityStart;
  const hasPath = skeleton[authorityEnd] === '/';
  const queryStart = skeleton.slice(authorityEnd).search(/[?#]/);
  const pathEnd = queryStart < 0 ? skeleton.length : authorityEnd + queryStart;
  return (position) =>
    (position >= authorityStart && position < userInfoEnd) || (hasPath && position > authorityEnd && position < pathEnd);
}
