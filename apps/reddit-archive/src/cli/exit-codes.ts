/** Exit codes of reddit-archive. Stable: scripts rely on them (also listed by `--help`). */
export const EXIT = Object.freeze({
  /** every file read to its end; bad lines were counted and written to the reject file, not fatal */
  OK: 0,
  /** an unexpected error; the log has the stack */
  FAILURE: 1,
  /** unknown command or option, bad value, no FILE */
  USAGE: 2,
  /** invalid configuration (DATABASE_URL, ...) */
  CONFIG: 3,
  /** database unreachable, refused, or a batch could not be written */
  DATABASE: 4,
  /** an input could not be read or decoded (missing file, corrupt .zst) */
  INPUT: 5,
  /** a .zst input needs the zstd program, which is not installed (apt-get install zstd) */
  ZSTD_MISSING: 6,
  /** the schema is behind: run the migrator first */
  SCHEMA: 7,
  /** stopped by SIGINT (Ctrl-C): what was read is stored; the same command continues (128 + 2, as shells report it) */
  INTERRUPTED: 130,
  /** stopped by SIGTERM (docker stop, systemd): as INTERRUPTED (128 + 15) */
  TERMINATED: 143,
});

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One line per code, for `--help`. */
export const EXIT_CODE_HELP = [
  '0 ok (bad lines are counted and written to the reject file, never fatal)',
  '1 unexpected error',
  '2 usage (unknown option, bad value, no FILE)',
  '3 configuration (DATABASE_URL, ...)',
  '4 database unreachable, refused, or a write failed',
  '5 an input could not be read or decoded (missing file, corrupt .zst)',
  '6 zstd is not installed (a .zst input needs it: apt-get install zstd)',
  '7 schema not current (run the migrator first)',
  '130 stopped by SIGINT (Ctrl-C), 143 by SIGTERM: the lines read are stored; run the same command again to continue',
];
