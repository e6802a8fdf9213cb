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
 * The kind an object's fields say: a comment (t1) has `link_id` and `body`, or a `t1_` name; a
 * submission (t3) has a `title`, or a `t3_` name. Null when neither. Pure.
 */
export function kindFromPayload(payload: Readonly<Record<string, unknown>>): ArchiveKind | null {
  const name = payload['name'];
  if (typeof name === 'string' && name.startsWith('t1_')) return 'comments';
  if (typeof name === 'string' && name.startsWith('t3_')) return 'submissions';
  if ('link_id' in payload && 'body' in payload) return 'comments';
  if ('title' in payload) return 'submissions';
  return null;
}

/** The kind of a file: --kind wins, then the file name, then (later, per line) the content. */
export function kindOfFile(path: string, override: ArchiveKind | null): ArchiveKind | null {
  return override ?? (path === '-' ? null : kindFromFileName(path));
}
