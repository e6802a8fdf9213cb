import { ArchiveImportRepository, ScrapeStateRepository, assertSchemaCurrent, loadEnvironment, openOrm, ormConnectionSource, ormPoolState } from '@sentiment-ingest/db';
import { createLogger, type Log } from '@sentiment-ingest/runtime';
import type { MikroORM } from '@mikro-orm/postgresql';
import { resolve } from 'node:path';
import { IMPORT_COMMAND, helpText, parseArgs, type ImportOptions } from './cli/args';
import { exitCodeFor } from './cli/error-exit';
import { EXIT, type ExitCode } from './cli/exit-codes';
import { ImportCounters, formatSummary } from './archive/counters';
import { archiveImportKind, fileKeyOf } from './archive/file-identity';
import { CoverageTracker } from './archive/gap-coverage';
import { kindOfFile } from './archive/kind';
import { RejectFile, defaultRejectsPath } from './archive/reject-file';
import { checkInputs, openInput, zstdCommand } from './archive/sources';
import { parseArchiveConfig } from './config';
import { DbBatchWriter } from './import/db-batch-writer';
import { GapResolver } from './import/gap-resolver';
import { ImportInterruptedError, importInput } from './import/import-run';
import type { ResumableFile } from './import/ports';
import { archiveNormalizer } from './import/normalize-line';
import { BarProgress } from './progress/bar-progress';
import { LogProgress } from './progress/log-progress';
import type { ProgressSink } from './progress/progress';

const APP = 'reddit-archive';

/** The composition root: arguments, inputs, configuration, ORM, the import, the summary, the exit code. */
async function main(argv: readonly string[]): Promise<ExitCode> {
  const args = parseArgs(argv);
  if (args.kind === 'help') {
    process.stdout.write(helpText());
    return EXIT.OK;
  }
  if (args.kind === 'error') {
    process.stderr.write(`${APP}: ${args.message}\n(${IMPORT_COMMAND} --help shows the usage)\n`);
    return EXIT.USAGE;
  }
  const earlyLog = createLogger({ app: APP, level: 'info', pretty: Boolean(process.stderr.isTTY), fd: 2 });
  const zstd = zstdCommand();
  let config;
  try {
    checkInputs(args.options.files, zstd);
    const loaded = loadEnvironment({ cwd: process.cwd(), processEnv: process.env });
    config = parseArchiveConfig(loaded.env, loaded.databaseUrlSource);
  } catch (error) {
    earlyLog.error({}, error instanceof Error ? error.message : String(error));
    return exitCodeFor(error);
  }
  const log = createLogger({ app: APP, level: config.logLevel, pretty: Boolean(process.stderr.isTTY), fd: 2 });
  let orm: MikroORM | undefined;
  try {
    orm = await openOrm(config.db, { applicationName: `sentiment-ingest-${APP}` });
    await assertSchemaCurrent(orm);
    const progress: ProgressSink = process.stdout.isTTY ? new BarProgress(process.stdout) : new LogProgress(log, config.progressIntervalMs);
    const connections = ormConnectionSource(orm);
    const gaps = new GapResolver({ state: new ScrapeStateRepository({ connections, pool: ormPoolState(orm) }), log, now: () => new Date() });
    const stop = stopOnSignals(log);
    try {
      return await runImport(args.options, { writer: new DbBatchWriter(connections), imports: new ArchiveImportRepository({ connections }), gaps, progress, log, zstd, signal: stop.signal });
    } finally {
      stop.dispose();
    }
  } catch (error) {
    const code = exitCodeFor(error);
    if (code === EXIT.FAILURE) log.error({ err: error }, `${APP} failed`);
    else log.error({ code: (error as { code?: string }).code }, (error as Error).message);
    return code;
  } finally {
    await orm?.close(true).catch(() => undefined);
  }
}

/** Reads every input in turn; the summary is printed whatever happens. */
async function runImport(
  options: ImportOptions,
  deps: { writer: DbBatchWriter; imports: ArchiveImportRepository; gaps: GapResolver; progress: ProgressSink; log: Log; zstd: string; signal: AbortSignal },
): Promise<ExitCode> {
  const started = new Date();
  const startedAt = Date.now();
  const counters = new ImportCounters();
  const rejects = new RejectFile(resolve(options.rejectsPath ?? defaultRejectsPath(started)));
  let code: ExitCode = EXIT.OK;
  try {
    for (const file of options.files) {
      const kind = kindOfFile(file, options.kind);
      const resume = await resumePoint(file, kind, options, deps);
      if (resume === 'finished') continue;
      // the open gaps this file could close, counted before it is read (see archive/gap-coverage.ts)
      const window = { since: options.since, until: options.until };
      const candidates = await deps.gaps.prepare(kind, options.subreddits);
      const coverage = new CoverageTracker();
      const input = openInput(file, { zstd: deps.zstd, stdin: process.stdin, now: started });
      const before = counters.bytesRead;
      try {
        await importInput(
          {
            name: file,
            chunks: input.chunks,
            kind,
            totalBytes: input.totalBytes,
            bytesRead: () => input.bytesRead(),
            fileTime: input.fileTime,
            resumable: resume.resumable,
            resumeAfter: resume.after,
            ended: () => input.finished(),
          },
          {
            subreddits: options.subreddits,
            window,
            batchSize: options.batchSize,
            normalizer: archiveNormalizer,
            writer: deps.writer,
            rejects,
            counters,
            progress: deps.progress,
            clock: Date.now,
            now: () => new Date(),
            startedAt,
            coverage,
            signal: deps.signal,
          },
        );
        await input.finished();
        // read to its end and decoded cleanly (a corrupt .zst stays unfinished)
        if (resume.identity) await deps.imports.finish(resume.identity.fileKey);
        // only a file read to its end resolves gaps (a failed or interrupted one has thrown before)
        await deps.gaps.finish(file, candidates, coverage, window, counters);
      } catch (error) {
        input.close();
        throw error;
      } finally {
        counters.bytesRead = before + input.bytesRead();
      }
    }
  } catch (error) {
    code = exitCodeFor(error);
    deps.progress.stop();
    if (error instanceof ImportInterruptedError) {
      const next = error.file === '-'
        ? `stdin cannot be resumed: feed it again from line ${error.committedLine + 1} (tail -n +${error.committedLine + 1})`
        : 'run the same command again to continue after it';
      deps.log.warn({ file: error.file, committedLine: error.committedLine }, `${error.message}; ${next}`);
    } else if (code === EXIT.FAILURE) deps.log.error({ err: error }, 'import failed');
    else deps.log.error({}, (error as Error).message);
  } finally {
    deps.progress.stop();
    await rejects.close();
    process.stdout.write(formatSummary(counters, Date.now() - startedAt));
    if (rejects.written > 0) process.stdout.write(`rejected lines: ${rejects.path}\n`);
  }
  return code;
}

/**
 * Where a file's import starts: after the last line an earlier run committed (`archive_imports`), or
 * 'finished' when an earlier run read it to its end (skipped unless --reimport). stdin has no
 * identity: read from its start, no progress stored. With --reimport the file is read from its start
 * and its recorded progress is left alone (only marked finished again at the end).
 */
async function resumePoint(
  file: string,
  kind: ReturnType<typeof kindOfFile>,
  options: ImportOptions,
  deps: { imports: ArchiveImportRepository; log: Log },
): Promise<'finished' | { resumable: ResumableFile | null; identity: ResumableFile | null; after: number }> {
  if (file === '-') {
    deps.log.info({ file }, 'reading stdin: it has no identity, so its progress is not stored and it cannot be resumed');
    return { resumable: null, identity: null, after: 0 };
  }
  const key = fileKeyOf(file, { subreddits: options.subreddits, window: { since: options.since, until: options.until }, kind: options.kind });
  const identity: ResumableFile = { ...key, kind: archiveImportKind(kind) };
  const progress = await deps.imports.start(identity);
  if (options.reimport) {
    if (progress.lastLine > 0 || progress.finishedAt) deps.log.info({ file, fileKey: identity.fileKey }, `--reimport: reading ${file} again from its first line`);
    return { resumable: null, identity, after: 0 };
  }
  if (progress.finishedAt) {
    const message = `${file} was already imported (finished ${progress.finishedAt.toISOString()}, ${progress.lines} lines, ${progress.matched} matched); skipped (--reimport reads it again)`;
    deps.log.info({ file, fileKey: identity.fileKey }, message);
    process.stdout.write(`${message}\n`);
    return 'finished';
  }
  if (progress.lastLine > 0) deps.log.info({ file, fileKey: identity.fileKey, lastLine: progress.lastLine }, `resuming ${file} after line ${progress.lastLine}`);
  return { resumable: identity, identity, after: progress.lastLine };
}

/**
 * The first SIGINT or SIGTERM stops the import gracefully (no further line; the lines handled are
 * written; exit 130/143). A second one exits at once: the transaction in flight is rolled back by
 * the server, so the stored position still matches the stored rows.
 */
function stopOnSignals(log: Log): { readonly signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) {
      process.stderr.write(`${APP}: ${signal} again: exiting now (the batch being written is rolled back)\n`);
      process.exit(signal === 'SIGTERM' ? EXIT.TERMINATED : EXIT.INTERRUPTED);
    }
    log.warn({ signal }, `${signal}: stopping after the lines read so far are written (${signal} again exits at once)`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/** Runs the CLI and sets the exit code; a closed stdout (`--help | head`) is the reader's choice, not a failure. */
function start(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.OK);
  });
  void main(process.argv.slice(2))
    .catch((error: unknown): ExitCode => {
      const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
      process.stderr.write(`${APP}: unexpected error: ${text}\n`);
      return EXIT.FAILURE;
    })
    .then((code) => {
      process.exitCode = code;
    });
}

start();
