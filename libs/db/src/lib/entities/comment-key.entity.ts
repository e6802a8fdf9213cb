import { defineEntity, p } from '@mikro-orm/core';

/**
 * `comment_keys`: the creation time each Reddit comment id was first stored under. The write path
 * stores every payload of an id under this time, so one id is one row of `raw_comments`.
 */
export const CommentKeyEntity = defineEntity({
  name: 'CommentKey',
  tableName: 'comment_keys',
  properties: {
    id: p.string().columnType('text').primary(),
    createdUtc: p.datetime().columnType('timestamptz'),
  },
});
