import { EXIT_CODE_HELP } from './exit-codes';

/** What a dump file holds: Reddit's RS_ (submissions, t3) or RC_ (comments, t1) monthly files. */
export type ArchiveKind = 'submissions' | 'comments';
export const ARCHIVE_KINDS: readonly ArchiveKind[] = ['submissions', 'comments'];

/** Rows written per transaction unless --batch-size says otherwise. */
export const DEFAULT_BATCH_SIZE = 2_000;

/** What `import` was asked to do. Everything is validated; times are instants. */
export interface ImportOptions {
  /** lower-case subreddit names; empty: every subreddit */
  readonly subreddits: ReadonlySet<string>;
  /** items created at or after this instant */
  readonly since: Date | null;
  /** items created before this instant */
  readonly until: Date | null;
  /** overrides the kind read from the file name or the content */
  readonly kind: ArchiveKind | null;
  /** paths, `-` for stdin, in the order given */
  readonly files: readonly string[];
  /** where rejected lines go; null: a file named after the start time in the working directory */
  readonly rejectsPath: string | null;
  readonly batchSize: number;
  /** read files again that an earlier run finished (their recorded progress is left as it is) */
  readonly reimport: boolean;
}

export type ParsedArgs =
  | { readonly kind: 'import'; readonly options: ImportOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string };

/** Reddit's rule for a subreddit name: 2–21 letters, digits or underscores (old ones may be shorter). */
const SUBREDDIT_NAME = /^[A-Za-z0-9_]{1,21}$/;

const OPTIONS_WITH_VALUE = new Set(['--subreddits', '--since', '--until', '--kind', '--rejects', '--batch-size']);
const FLAGS = new Set(['--reimport']);

/** Parses `main.js import [options] FILE…` (or `--help`). Pure. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  // --help wins over everything else on the line (before a `--`)
  const end = argv.indexOf('--');
  if ((end < 0 ? argv : argv.slice(0, end)).some((a) => a === '--help' || a === '-h')) return { kind: 'help' };
  const values = new Map<string, string[]>();
  const positional: string[] = [];
  const flags = new Set<string>();
  let onlyPositional = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (onlyPositional || arg === '-' || !arg.startsWith('-')) {
      positional.push(arg);
      continue;
    }
    if (arg === '--') onlyPositional = true;
    else {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (FLAGS.has(name)) {
        if (eq >= 0) return error(`${name} takes no value`);
        flags.add(name);
        continue;
      }
      if (!OPTIONS_WITH_VALUE.has(name)) return error(`unknown option ${name}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') return error(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    }
  }
  const [command, ...files] = positional;
  if (command === undefined) return error('no command: the command is import');
  if (command !== 'import') return error(`unknown command "${command}": the command is import`);
  if (files.length === 0) return error('import needs at least one FILE (.zst, .ndjson, .jsonl, or - for stdin)');
  if (files.filter((f) => f === '-').length > 1) return error('- (stdin) can be given once only');

  const single = (name: string): string | undefined => {
    const list = values.get(name);
    return list?.[list.length - 1];
  };

  const subreddits = new Set<string>();
  for (const list of values.get('--subreddits') ?? []) {
    for (const raw of list.split(',')) {
      const name = raw.trim().replace(/^\/?r\//i, '');
      if (name === '') continue;
      if (!SUBREDDIT_NAME.test(name)) return error(`--subreddits: "${raw.trim()}" is not a subreddit name (letters, digits, _; at most 21)`);
      subreddits.add(name.toLowerCase());
    }
  }
  if (values.has('--subreddits') && subreddits.size === 0) return error('--subreddits needs at least one name, e.g. --subreddits wallstreetbets,stocks');

  const since = parseInstant(single('--since'));
  if (since === 'invalid') return error(`--since "${single('--since')}" is not an ISO date or time, e.g. 2023-01-01 or 2023-01-01T12:00:00Z`);
  const until = parseInstant(single('--until'));
  if (until === 'invalid') return error(`--until "${single('--until')}" is not an ISO date or time, e.g. 2023-02-01 or 2023-02-01T00:00:00Z`);
  if (since && until && since.getTime() >= until.getTime()) return error('--since must be before --until');

  const kindText = single('--kind');
  if (kindText !== undefined && !ARCHIVE_KINDS.includes(kindText as ArchiveKind)) {
    return error(`--kind "${kindText}" must be submissions or comments`);
  }

  let batchSize = DEFAULT_BATCH_SIZE;
  const batchText = single('--batch-size');
  if (batchText !== undefined) {
    batchSize = /^\d+$/.test(batchText) ? Number(batchText) : NaN;
    if (!(batchSize >= 1 && batchSize <= 50_000)) return error(`--batch-size "${batchText}" must be a whole number from 1 to 50000`);
  }

  return {
    kind: 'import',
    options: {
      subreddits,
      since: since ?? null,
      until: until ?? null,
      kind: (kindText as ArchiveKind | undefined) ?? null,
      files,
      rejectsPath: single('--rejects') ?? null,
      batchSize,
      reimport: flags.has('--reimport'),
    },
  };
}

const error = (message: string): ParsedArgs => ({ kind: 'error', message });

/**
 * An ISO 8601 date (`2023-01-01`, midnight UTC) or date-time; a date-time without a zone is read as
 * UTC (the dumps' `created_utc` is UTC), never as the machine's local time.
 */
export function parseInstant(text: string | undefined): Date | undefined | 'invalid' {
  if (text === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(text.trim());
  if (!match) return 'invalid';
  const [, day, time, zone] = match;
  const iso = time ? `${day}T${time}${zone ?? 'Z'}` : `${day}T00:00:00Z`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return 'invalid';
  // Date.parse rolls 2023-02-30 over to March: refuse what does not round-trip
  if (new Date(Date.parse(`${day}T00:00:00Z`)).toISOString().slice(0, 10) !== day) return 'invalid';
  return new Date(ms);
}

/** How a user runs the importer, for messages that tell them what to type. */
export const IMPORT_COMMAND = 'node dist/apps/reddit-archive/main.js import';

/** The text of `--help`. */
export function helpText(): string {
  return [
    `usage: ${IMPORT_COMMAND} [options] FILE…`,
    '       npx nx run reddit-archive:import -- [options] FILE…',
    '',
    'Imports Reddit dump files (monthly RS_ submissions / RC_ comments, one JSON object per line) into',
    'the same tables the live scraper fills. A batch job: it reads its files to the end and exits.',
    'Re-running it is safe: rows already stored are not stored twice, and an archive line never overwrites',
    'what was observed more recently (the dump\'s retrieved_on/retrieved_utc is its observation time, else the',
    'file\'s modification time). Reads DATABASE_URL (see .env.example).',
    '',
    'FILE     a .zst dump (decoded by the zstd program, `zstd -dc --long=31`: apt-get install zstd),',
    '         a .ndjson or .jsonl file, or - for stdin (uncompressed lines)',
    '',
    'options:',
    '  --subreddits a,b   only these subreddits (case-insensitive; repeatable); default: all',
    '  --since ISO        only items created at or after this time (2023-01-01 or 2023-01-01T12:00:00Z; UTC unless a zone is given)',
    '  --until ISO        only items created before this time',
    '  --kind K           submissions or comments; overrides the kind read from the file name (RS_/RC_) or the content',
    '                     (without either, each line\'s content decides)',
    '  --rejects FILE     where rejected lines go (file, line number, reason, first 200 characters);',
    '                     default: reddit-archive-rejects-<start time>.tsv in the working directory',
    `  --batch-size N     rows per transaction (default ${DEFAULT_BATCH_SIZE})`,
    '  --reimport         read again a file an earlier run finished (safe: stored rows are not doubled)',
    '  -h, --help         this text',
    '',
    'Bad lines (not JSON, not an object, blank, truncated, no id, no time) never stop an import: they are',
    'counted by reason and written to the reject file. Submissions go to raw_submissions, comments to raw_comments.',
    '',
    'Resuming: each file\'s progress (its identity: name, size, sha256 of its first MiB, and the selection',
    '--subreddits/--since/--until/--kind; the last committed line) is stored in the same transaction as',
    'its rows (table archive_imports). Running the same command again after a crash or kill continues after',
    'the last committed line (the lines before it are decoded again but not parsed): nothing lost, nothing',
    'doubled. A file already read to its end is skipped (--reimport reads it again).',
    'stdin (-) has no identity: it is never resumed, and its progress is not stored.',
    '',
    'Scrape gaps: a file read to its end covers, for the selected subreddits (--subreddits; all when none is',
    'given), [the earliest, the latest] created_utc of the lines of those subreddits it read and normalised,',
    'intersected with --since/--until. Every open scrape_gaps row of the live scraper\'s /new streams',
    '(source reddit, stream new:a+b+c) whose subreddits are all selected and whose [gap_start, gap_end] lies',
    'inside that range is marked resolved: resolution archive, recovered_items = the posts this run inserted',
    'in the gap\'s range for those subreddits. A gap only partly covered stays open (logged). Only submissions',
    'close gaps (the live scraper\'s gaps are of posts). A failed or interrupted file resolves nothing; a',
    'resumed file covers only the lines read after its resume point. The summary counts the gaps resolved.',
    '',
    'Progress: a progress bar on a terminal, else a JSON log line every few seconds (stderr); a summary at the end.',
    '',
    'exit codes:',
    ...EXIT_CODE_HELP.map((line) => `  ${line}`),
    '',
  ].join('\n');
}
