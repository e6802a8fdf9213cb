/**
 * Exit codes every scraper shares (documented in the README). A source's own fatal errors (Reddit's
 * refused credentials, ...) use codes from {@link FIRST_SOURCE_EXIT_CODE} on.
 */
export const SCRAPER_EXIT = Object.freeze({
  OK: 0,
  FAILURE: 1,
  /** an argument it does not know (scrapers take only --help) */
  USAGE: 2,
  /** the configuration is invalid: the log names every variable to fix */
  CONFIG: 3,
  /** the database is unreachable or refused the login */
  DATABASE: 4,
  /** migrations are pending: run the migrator first */
  SCHEMA: 6,
});

/** The first exit code a source may give its own fatal errors. */
export const FIRST_SOURCE_EXIT_CODE = 7;
