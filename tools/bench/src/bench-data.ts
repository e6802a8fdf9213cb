import { encodeCopyRow, ingestSql, OBSERVED_AT, REDDIT_SUBMISSIONS, stagingValues } from '@sentiment-ingest/db';
import { makeSubmission } from '@sentiment-ingest/db/testing';
import type { Submission } from '@sentiment-ingest/models';

/** `count` realistic ~1 KB submissions, one every 37 s (about 43 one-day chunks per 100k rows). */
export function makeBenchSubmissions(count: number): Submission[] {
  return Array.from({ length: count }, (_, index) => makeSubmission(index));
}

/**
 * The same submissions with score and comment count moved by `round` (and `raw` following them,
 * as Reddit's payload would), so that every row differs from the one stored in round `round - 1`.
 */
export function withChangedEngagement(submissions: readonly Submission[], round: number): Submission[] {
  return submissions.map((s) => {
    // the factory always gives a score; an unknown one stays unknown
    const score = s.score === null ? null : s.score + round;
    const numComments = s.numComments + round;
    return { ...s, score, numComments, raw: { ...s.raw, score, ups: score, num_comments: numComments } };
  });
}

/**
 * Columns of the baseline `COPY raw_submissions`: the writer's staging columns, with `observed_at`
 * stored as `first_seen_at`, plus `updated_at` (what the writer's upsert stores for a new row).
 */
export const RAW_SUBMISSION_COPY_COLUMNS: readonly string[] = [
  ...ingestSql(REDDIT_SUBMISSIONS).stagingColumns.map((column) => (column === OBSERVED_AT ? 'first_seen_at' : column)),
  'updated_at',
];

/** The baseline COPY statement into the hypertable itself. */
export const COPY_RAW_SUBMISSIONS_SQL = `copy raw_submissions (${RAW_SUBMISSION_COPY_COLUMNS.map((c) => `"${c}"`).join(', ')}) from stdin`;

/** One `raw_submissions` row in COPY text (the baseline's plain COPY; the writer sends the same values in binary). */
export function toRawSubmissionCopyLine(submission: Submission, observedAt: Date): string {
  return encodeCopyRow([...stagingValues(REDDIT_SUBMISSIONS, submission, observedAt), observedAt]);
}
