import { IMPORT_COMMAND } from '../cli/args';
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** An input could not be read or decoded (exit 5). */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/** A .zst input needs the zstd program and it is not installed (exit 6). */
export class ZstdMissingError extends Error {
  override readonly name = 'ZstdMissingError';
  constructor(readonly command: string) {
    super(
      `${command} was not found: .zst dumps are decoded by the zstd program (zstd -dc --long=31). ` +
        'Install it with: apt-get install zstd (Debian/Ubuntu; as root or with sudo), then run the import again. ' +
        `(Or decode elsewhere and pipe the lines in: zstd -dc --long=31 FILE | ${IMPORT_COMMAND} --kind submissions -)`,
    );
  }
}

/** How an input is read. */
export type InputFormat = 'zst' | 'lines' | 'stdin';

/** Compressions the import does not decode: a clear error rather than reading binary as lines. */
const UNSUPPORTED = /\.(gz|bz2|xz|zip|7z|lz4|br)$/i;

/** How a path is read, or why it cannot be. Pure. */
export function inputFormatOf(path: string): InputFormat | { readonly unsupported: string } {
  if (path === '-') return 'stdin';
  if (/\.zst$/i.test(path)) return 'zst';
  const match = UNSUPPORTED.exec(path);
  if (match) return { unsupported: `${path}: ${match[1]} compression is not supported; give the .zst dump, an uncompressed .ndjson/.jsonl file, or - for stdin` };
  return 'lines';
}

/** One opened input: its decoded bytes, and how much of the file (compressed) was read. */
export interface OpenedInput {
  readonly name: string;
  readonly format: InputFormat;
  /** decoded bytes, in order */
  readonly chunks: AsyncIterable<Buffer>;
  /** size on disk; null for stdin */
  readonly totalBytes: number | null;
  /** bytes of the file read so far (compressed, for a .zst) */
  bytesRead(): number;
  /** the file's modification time (stdin: the start of the import): `observedAt` of lines without retrieved_on */
  readonly fileTime: Date;
  /** after `chunks` ended: resolves if the decoder finished cleanly, rejects with an {@link InputError} */
  finished(): Promise<void>;
  /** stops reading early (the import failed) */
  close(): void;
}

/** The zstd command: ZSTD_BIN for tests and unusual installs. */
export const zstdCommand = (env: NodeJS.ProcessEnv = process.env): string => env['ZSTD_BIN'] || 'zstd';

/** Throws {@link ZstdMissingError} when the zstd program cannot be run. */
export function assertZstdAvailable(command: string): void {
  const probe = spawnSync(command, ['--version'], { stdio: 'ignore' });
  const code = (probe.error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EACCES') throw new ZstdMissingError(command);
}

/**
 * Checks every input before any work (the file exists and is readable; compression supported; zstd
 * present when needed), so a typo fails at once rather than after an hour of importing.
 */
export function checkInputs(paths: readonly string[], zstd: string): void {
  let needsZstd = false;
  for (const path of paths) {
    const format = inputFormatOf(path);
    if (typeof format !== 'string') throw new InputError(format.unsupported);
    if (format === 'stdin') continue;
    if (format === 'zst') needsZstd = true;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) throw new InputError(`${path}: no such file`);
    if (!stat.isFile()) throw new InputError(`${path}: not a regular file`);
  }
  if (needsZstd) assertZstdAvailable(zstd);
}

/** Counts the bytes that pass through. */
async function* counted(source: AsyncIterable<Buffer>, add: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    add(chunk.length);
    yield chunk;
  }
}

/** Opens one input for reading. */
export function openInput(path: string, options: { zstd: string; stdin: Readable; now: Date }): OpenedInput {
  const format = inputFormatOf(path);
  if (typeof format !== 'string') throw new InputError(format.unsupported);
  let read = 0;
  const add = (n: number) => (read += n);
  if (format === 'stdin') {
    return {
      name: path,
      format,
      chunks: counted(options.stdin as AsyncIterable<Buffer>, add),
      totalBytes: null,
      bytesRead: () => read,
      fileTime: options.now,
      finished: async () => undefined,
      close: () => options.stdin.pause(),
    };
  }
  const stat = statSync(path);
  if (format === 'lines') {
    const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
    return {
      name: path,
      format,
      chunks: counted(file, add),
      totalBytes: stat.size,
      bytesRead: () => read,
      fileTime: stat.mtime,
      finished: async () => undefined,
      close: () => file.destroy(),
    };
  }
  return openZst(path, stat.size, stat.mtime, options.zstd, add, () => read);
}

/**
 * A .zst dump through `zstd -dc --long=31` (the monthly dumps use a 2 GiB window, which zstd refuses
 * without --long=31). The file is read here and written to zstd's stdin, so the compressed bytes read
 * are known for progress; zstd's stdout is the decoded stream. Memory stays bounded: both pipes
 * apply backpressure.
 */
function openZst(path: string, size: number, mtime: Date, zstd: string, add: (n: number) => void, bytesRead: () => number): OpenedInput {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(zstd, ['-dc', '--long=31', '-q'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    // its own process group: Ctrl-C in a terminal reaches the importer only, which stops reading at a
    // line boundary and closes zstd itself (a zstd killed by the same Ctrl-C would cut the last line)
    detached: true,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < 4000) stderr += text;
  });
  let spawnError: NodeJS.ErrnoException | null = null;
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      resolve(null);
    });
    child.on('close', (code) => resolve(code));
  });
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 });
  file.on('data', (chunk) => add(chunk.length));
  file.on('error', (error) => {
    stderr += `reading ${path}: ${error.message}\n`;
    child.stdin.destroy();
  });
  // zstd gone early (a corrupt file) closes its stdin: that is reported by its exit code, not as EPIPE
  child.stdin.on('error', () => undefined);
  file.pipe(child.stdin);
  let closed = false;
  return {
    name: path,
    format: 'zst',
    chunks: child.stdout as AsyncIterable<Buffer>,
    totalBytes: size,
    bytesRead,
    fileTime: mtime,
    finished: async () => {
      const code = await exited;
      if (closed) return;
      const failure = spawnError as NodeJS.ErrnoException | null;
      if (failure?.code === 'ENOENT') throw new ZstdMissingError(zstd);
      if (failure) throw new InputError(`${path}: could not run ${zstd}: ${failure.message}`);
      if (code !== 0) {
        const said = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
        throw new InputError(`${path}: zstd could not decode it (exit ${code}${said ? `: ${said}` : ''}); the lines before the damage were imported`);
      }
    },
    close: () => {
      closed = true;
      file.destroy();
      child.kill();
    },
  };
}
