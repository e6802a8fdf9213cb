import { archiveKindOf } from '@sentiment-ingest/models';
import type { ArchiveKind } from '../cli/args';

/**
 * The kind a dump's file name says: `RS_2023-01.zst` holds submissions, `RC_2023-01.zst` comments
 * (also the per-subreddit dumps `wallstreetbets_submissions.zst` / `_comments.zst`). Null when the
 * name says nothing (stdin, a renamed file): the content decides. Pure.
 */
export function kindFromFileName(path: string): ArchiveKind | null {
  const name = path.split(/[\\/]/).pop() ?? '';
  if (/^RS_/i.test(name)) return 'submissions';
  if (/^RC_/i.test(name)) return 'comments';
  if (/(^|[_.-])submissions([_.-]|$)/i.test(name)) return 'submissions';
  if (/(^|[_.-])comments([_.-]|$)/i.test(name)) return 'comments';
  return null;
}

/**
 * The kind an object's fields say (libs/models `archiveKindOf`: a `t1_`/`t3_` name, else comment-only
 * fields such as `link_id`, post-only fields such as `title`). Null when neither or both. Pure.
 */
export function kindFromPayload(payload: Readonly<Record<string, unknown>>): ArchiveKind | null {
  const kind = archiveKindOf(payload);
  return kind === 'comment' ? 'comments' : kind === 'submission' ? 'submissions' : null;
}

/** The kind of a file: --kind wins, then the file name, then (later, per line) the content. */
export function kindOfFile(path: string, override: ArchiveKind | null): ArchiveKind | null {
  return override ?? (path === '-' ? null : kindFromFileName(path));
}
