import type { Submission } from '@sentiment-ingest/models';
import type { CopyValue } from './copy-text';

/** A submission's staging row, in `STAGING_COLUMNS` order. */
export function toStagingRow(submission: Submission, observedAt: Date): CopyValue[] {
  const s = submission;
  return [
    s.id, s.createdUtc, s.subreddit, s.subredditId, s.author, s.authorFullname, s.title, s.selftext,
    s.url, s.permalink, s.domain, s.isSelf, s.over18, s.spoiler, s.stickied, s.locked, s.linkFlairText,
    s.distinguished, s.score, s.numComments, s.upvoteRatio, s.editedAt, s.removedByCategory, s.raw,
    observedAt,
  ];
}

/**
 * Keeps one submission per id, the last one given (the freshest view), whatever creation time each
 * payload claims: the id is the item's key. PostgreSQL also refuses an ON CONFLICT DO UPDATE that
 * would touch the same row twice in one statement.
 */
export function dedupeSubmissions(submissions: readonly Submission[]): Submission[] {
  const byId = new Map<string, Submission>();
  for (const submission of submissions) {
    byId.delete(submission.id);
    byId.set(submission.id, submission);
  }
  return [...byId.values()];
}
