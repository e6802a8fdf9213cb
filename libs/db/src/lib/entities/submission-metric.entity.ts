import { defineEntity, p } from '@mikro-orm/core';

/**
 * `submission_metrics`: the observations of a submission's engagement that a change superseded (the
 * values it had until then, at the time they were observed); the submission's row holds its current
 * ones, and the view `submission_engagement` gives the whole series. A hypertable on `observed_at`
 * (1-day chunks), keyed by submission and observation time.
 */
export const SubmissionMetricEntity = defineEntity({
  name: 'SubmissionMetric',
  tableName: 'submission_metrics',
  primaryKeys: ['submissionId', 'observedAt'],
  properties: {
    submissionId: p.string().columnType('text').primary(),
    observedAt: p.datetime().columnType('timestamptz').primary(),
    submissionCreatedUtc: p.datetime().columnType('timestamptz'),
    subreddit: p.string().columnType('text'),
    // nullable: archive posts of late 2017 have no score (Migration20261130100500_raw_comments)
    score: p.integer().nullable(),
    numComments: p.integer(),
    upvoteRatio: p.float().columnType('real').nullable(),
  },
  indexes: [
    { name: 'submission_metrics_subreddit_observed_at_idx', expression: 'create index "submission_metrics_subreddit_observed_at_idx" on "submission_metrics" ("subreddit", "observed_at" desc)' },
  ],
});
