import { makeSubmission } from '@sentiment-ingest/db/testing';
import {
  COPY_RAW_SUBMISSIONS_SQL,
  makeBenchSubmissions,
  RAW_SUBMISSION_COPY_COLUMNS,
  toRawSubmissionCopyLine,
  withChangedEngagement,
} from './bench-data';

const observedAt = new Date('2026-11-29T09:00:00Z');

describe('makeBenchSubmissions', () => {
  it('makes distinct keys, each line about 1 KB of COPY text', () => {
    const submissions = makeBenchSubmissions(1_000);
    expect(new Set(submissions.map((s) => `${s.id}/${s.createdUtc.toISOString()}`)).size).toBe(1_000);
    const bytes = submissions.reduce((sum, s) => sum + Buffer.byteLength(toRawSubmissionCopyLine(s, observedAt)), 0);
    expect(bytes / 1_000).toBeGreaterThan(900);
    expect(bytes / 1_000).toBeLessThan(1_600);
  });
});

describe('withChangedEngagement', () => {
  it('moves score and comment count of every row, in the columns and in raw', () => {
    const [changed] = withChangedEngagement([makeSubmission(7)], 2);
    expect(changed).toMatchObject({ score: 9, numComments: 9, raw: { score: 9, ups: 9, num_comments: 9, id: changed?.id } });
  });

  it('leaves everything else, including the key, as it was', () => {
    const original = makeSubmission(7);
    const [changed] = withChangedEngagement([original], 1);
    expect({ ...changed, score: 0, numComments: 0, raw: null }).toEqual({ ...original, score: 0, numComments: 0, raw: null });
  });
});

describe('raw_submissions COPY line', () => {
  it('has one field per column, observed time as first_seen_at and updated_at', () => {
    const fields = toRawSubmissionCopyLine(makeSubmission(1), observedAt).replace(/\n$/, '').split('\t');
    expect(fields).toHaveLength(RAW_SUBMISSION_COPY_COLUMNS.length);
    const at = (column: string) => fields[RAW_SUBMISSION_COPY_COLUMNS.indexOf(column)];
    expect(at('first_seen_at')).toBe(observedAt.toISOString());
    expect(at('updated_at')).toBe(observedAt.toISOString());
    expect(at('id')).toBe(makeSubmission(1).id);
    expect(RAW_SUBMISSION_COPY_COLUMNS).not.toContain('observed_at');
  });

  it('copies into the hypertable by column name', () => {
    expect(COPY_RAW_SUBMISSIONS_SQL).toMatch(/^copy raw_submissions \("id", "created_utc", .*"first_seen_at", "updated_at"\) from stdin$/);
  });
});
