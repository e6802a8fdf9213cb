import { defineEntity, p } from '@mikro-orm/core';

/**
 * `submission_keys`: the creation time each submission id was first stored under. The write path
 * stores every payload of an id under this time, so one id is one row of `raw_submissions` whatever
 * `created_utc` a later payload claims (the hypertable's own key must include the time column).
 */
export const SubmissionKeyEntity = defineEntity({
  name: 'SubmissionKey',
  tableName: 'submission_keys',
  properties: {
    id: p.string().columnType('text').primary(),
    createdUtc: p.datetime().columnType('timestamptz'),
  },
});
