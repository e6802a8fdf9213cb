import { plausibleEpochOf } from './payload-fields';
import { dateOfSeconds, isRecord } from './payload';

/**
 * When an archive dump (Pushshift, Arctic Shift) read the item: `retrieved_on` (older dumps) or
 * `retrieved_utc` (newer ones), in seconds as an int, a float or a numeric string. This is the
 * observation time of the item's engagement figures. Null when neither is there or plausible
 * (between Reddit's founding and 2100).
 */
export function retrievedAtOf(payload: unknown): Date | null {
  if (!isRecord(payload)) return null;
  for (const key of ['retrieved_on', 'retrieved_utc']) {
    const seconds = plausibleEpochOf(payload[key]);
    if (seconds !== undefined) return dateOfSeconds(seconds);
  }
  return null;
}

export type ArchiveLineKind = 'submission' | 'comment';

/**
 * Whether a dump line (a bare `data` object) is a submission or a comment, read from its content: a
 * `name` of `t3_…`/`t1_…` decides; else a comment has `link_id`/`parent_id` (which no post has), a
 * post has `title`/`selftext`/`is_self` (which no comment has; comments have `link_title`), and a
 * `body` alone marks a comment. Null when it is neither, looks like both, or is not an object.
 */
export function archiveKindOf(payload: unknown): ArchiveLineKind | null {
  if (!isRecord(payload)) return null;
  const name = payload['name'];
  if (typeof name === 'string' && name.startsWith('t3_')) return 'submission';
  if (typeof name === 'string' && name.startsWith('t1_')) return 'comment';
  const has = (key: string) => payload[key] !== undefined && payload[key] !== null;
  const comment = has('link_id') || has('parent_id');
  const submission = has('title') || has('selftext') || has('is_self');
  if (comment && !submission) return 'comment';
  if (submission && !comment) return 'submission';
  if (!comment && !submission && has('body')) return 'comment';
  return null;
}
