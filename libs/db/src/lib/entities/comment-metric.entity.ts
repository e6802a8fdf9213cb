import { defineEntity, p } from '@mikro-orm/core';

/**
 * `comment_metrics`: one row per observed change of a Reddit comment's score, a hypertable on
 * `observed_at` (1-day chunks). Keyed by comment and observation time; none for an unknown score.
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
    { name: 'comment_metrics_observed_at_idx', expression: 'create index "comment_metrics_observed_at_idx" on "comment_metrics" ("observed_at" desc)' },
    { name: 'comment_metrics_subreddit_observed_at_idx', expression: 'create index "comment_metrics_subreddit_observed_at_idx" on "comment_metrics" ("subreddit", "observed_at" desc)' },
  ],
});
