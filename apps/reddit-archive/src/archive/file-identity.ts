import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ArchiveKind } from '../cli/args';
import type { TimeWindow } from './time-window';

/** Bytes of the file's head that identify it (with its name and size). */
export const IDENTITY_HEAD_BYTES = 1024 * 1024;

/** What an import keeps of the lines: a different selection of the same file is a different import. */
export interface Selection {
  readonly subreddits: ReadonlySet<string>;
  readonly window: TimeWindow;
  readonly kind: ArchiveKind | null;
}

/**
 * The selection as a short digest, or '' when it keeps every line (no --subreddits/--since/--until/--kind):
 * a file imported for r/a and then for r/b is two imports, each resumable. Pure.
 */
export function selectionDigest(selection: Selection): string {
  const parts = [
    [...selection.subreddits].sort().join(','),
    selection.window.since?.toISOString() ?? '',
    selection.window.until?.toISOString() ?? '',
    selection.kind ?? '',
  ];
  if (parts.every((p) => p === '')) return '';
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 16);
}

/** The identity of the bytes: `<basename>:<size>:<sha256 of the first MiB>`. Pure given the bytes. */
export function fileIdentity(name: string, size: number, head: Buffer): string {
  return `${basename(name)}:${size}:${createHash('sha256').update(head).digest('hex')}`;
}

/**
 * The key of a file's row in `archive_imports`: its identity (a renamed copy of the same bytes keeps
 * its progress only under the same name; a re-downloaded file that differs is a new import), plus the
 * selection's digest when there is one. Reads the file's first MiB.
 */
export function fileKeyOf(path: string, selection: Selection): { readonly fileKey: string; readonly fileName: string; readonly fileSize: number } {
  const size = statSync(path).size;
  const head = Buffer.alloc(Math.min(size, IDENTITY_HEAD_BYTES));
  const fd = openSync(path, 'r');
  try {
    let filled = 0;
    while (filled < head.length) {
      const n = readSync(fd, head, filled, head.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
  } finally {
    closeSync(fd);
  }
  const digest = selectionDigest(selection);
  const identity = fileIdentity(path, size, head);
  return { fileKey: digest === '' ? identity : `${identity}:sel=${digest}`, fileName: basename(path), fileSize: size };
}

/** The `archive_imports.kind` of a file: what its name or --kind says, else `reddit-mixed` (the content decides per line). */
export const archiveImportKind = (kind: ArchiveKind | null): string => (kind === null ? 'reddit-mixed' : `reddit-${kind}`);
