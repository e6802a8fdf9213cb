/** Where the effective DATABASE_URL came from, for start-up logs and error messages. */
export type DatabaseUrlSource =
  | 'environment DATABASE_URL'
  | 'environment DATABASE_URL_LOCAL'
  | '.env DATABASE_URL_LOCAL'
  | '.env DATABASE_URL'
  | 'PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB'
  | 'unset';

/** The variable to name in a message about the URL, e.g. "DATABASE_URL_LOCAL in .env". */
export function urlVariableLabel(source: DatabaseUrlSource | undefined): string {
  switch (source) {
    case 'environment DATABASE_URL_LOCAL':
      return 'DATABASE_URL_LOCAL';
    case '.env DATABASE_URL_LOCAL':
      return 'DATABASE_URL_LOCAL in .env';
    case '.env DATABASE_URL':
      return 'DATABASE_URL in .env';
    case 'PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB':
      return 'DATABASE_URL (built from PG_HOST, PG_PORT, PG_USER, PG_PASSWORD and PG_DB)';
    default:
      return 'DATABASE_URL';
  }
}

/** What to set when the URL carries no password, for the place the URL came from. */
export function missingPasswordFix(source: DatabaseUrlSource | undefined): string {
  switch (source) {
    case 'environment DATABASE_URL':
    case 'environment DATABASE_URL_LOCAL':
      return `put the password in ${urlVariableLabel(source)} (postgres://user:PASSWORD@host:5432/db, percent-encoded)`;
    case '.env DATABASE_URL_LOCAL':
    case '.env DATABASE_URL':
      return `set PG_PASSWORD in .env (which ${source.slice('.env '.length)} refers to as \${PG_PASSWORD})`;
    case 'PG_HOST, PG_PORT, PG_USER, PG_PASSWORD, PG_DB':
      return 'set PG_PASSWORD';
    default:
      return 'set PG_PASSWORD in .env, or put the password in DATABASE_URL (postgres://user:PASSWORD@host:5432/db)';
  }
}
