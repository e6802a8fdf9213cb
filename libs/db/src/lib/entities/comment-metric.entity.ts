import { defineEntity, p } from '@mikro-orm/core';

/**
 * `comment_metrics`: the observations of a Reddit comment's score that a change superseded; the
 * comment's row holds its current one, and the view `comment_engagement` gives the whole series. A
 * hypertable on `observed_at` (1-day chunks), keyed by comment and observation time; none for an
 * unknown score.
 */
export const CommentMetricEntity = defineEntity({
  name: 'CommentMetric',
  tableName: 'comment_metrics',
  primaryKeys: ['commentId', 'observedAt'],
  properties: {
    commentId: p.string().columnType('text').primary(),
    observedAt: p.datetime().columnType('timestamptz').primary(),
    commentCreatedUtc: p.datetime().columnType('timestamptz'),
    subreddit: p.string().columnType('text'),
    score: p.integer().nullable(),
  },
  indexes: [
    { name: 'comment_metrics_subreddit_observed_at_idx', expression: 'create index "comment_metrics_subreddit_observed_at_idx" on "comment_metrics" ("subreddit", "observed_at" desc)' },
  ],
});
