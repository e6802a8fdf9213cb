import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RejectReason } from './reject-reasons';

/** Characters of a rejected line kept in the reject file: enough to find and recognise it. */
export const REJECT_EXCERPT_CHARS = 200;

/** One rejected line. */
export interface RejectRecord {
  /** the input as given on the command line (`-` for stdin) */
  readonly file: string;
  readonly lineNumber: number;
  readonly reason: RejectReason;
  /** what exactly was wrong, when there is more to say (a schema problem, a SQLSTATE) */
  readonly detail?: string;
  /** the raw line (only its start is written) */
  readonly text: string;
}

export const REJECT_FILE_HEADER = 'file\tline\treason\tdetail\texcerpt\n';

/**
 * One tab-separated line of the reject file: file, line number, reason, detail, and the first
 * {@link REJECT_EXCERPT_CHARS} characters of the line. Tabs, newlines and other control characters
 * are escaped, so a record is always one line. Pure.
 */
export function formatRejectRecord(record: RejectRecord): string {
  const excerpt = Array.from(record.text).slice(0, REJECT_EXCERPT_CHARS).join('');
  return [record.file, String(record.lineNumber), record.reason, record.detail ?? '', excerpt].map(escapeField).join('\t') + '\n';
}

/** Control characters (C0 and DEL) and the backslash: escaped so that a record stays one line. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESCAPED = /[\u0000-\u001f\u007f\\]/g;

function escapeField(text: string): string {
  return text.replace(ESCAPED, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\t') return '\\t';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Where rejected lines go. */
export interface RejectSink {
  write(record: RejectRecord): Promise<void>;
  close(): Promise<void>;
}

/** The reject file: created on the first rejected line only (a clean import leaves no file), written with backpressure. */
export class RejectFile implements RejectSink {
  private stream: WriteStream | null = null;
  written = 0;

  constructor(readonly path: string) {}

  async write(record: RejectRecord): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(this.path, { flags: 'w' });
      this.stream.write(REJECT_FILE_HEADER);
    }
    this.written++;
    if (!this.stream.write(formatRejectRecord(record))) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    const stream = this.stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** The default reject file name for a run started at `startedAt`. */
export function defaultRejectsPath(startedAt: Date): string {
  return `reddit-archive-rejects-${startedAt.toISOString().replace(/[:.]/g, '-')}.tsv`;
}
