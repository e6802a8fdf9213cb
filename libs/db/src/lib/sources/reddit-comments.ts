import { sourcePayloadOf, type RedditComment } from '@sentiment-ingest/models';
import { defineItemTable, type ItemColumn } from '../ingest/item-table';
import { JsonText } from '../write/copy-text';
import { REDDIT_MINOR_CHANGES_AFTER_MS, REDDIT_SCORE_THRESHOLD } from './reddit-submissions';

const text = (name: string, value: (c: RedditComment) => string | null, extra: Partial<ItemColumn<RedditComment>> = {}): ItemColumn<RedditComment> => ({
  name,
  type: 'text',
  value,
  ...extra,
});

/**
 * Reddit comments (t1) in `raw_comments`, a hypertable on `created_utc`; score over time in
 * `comment_metrics`; ids registered in `comment_keys` (created by `Migration20261130100500_raw_comments`).
 * Written by the archive importer (observation time: the dump's retrieval time) and by live scraping
 * through the same core, so an archive line never overwrites what was observed later.
 *
 * Facts of the comment: subreddit, its id, the post (`link_id`) and the parent. Mutable: what Reddit
 * lets change after posting (the author and text, redacted when deleted or removed; score; edit time;
 * removal; moderator flags). `raw` follows them but is not compared (it holds volatile keys). A null
 * score (unknown to the source) is stored as NULL and gets no observation row. Re-observed (a refresh
 * of stored comments sends only these): score and flags in place; author, edit time and removal as
 * markers of a changed body.
 */
export const REDDIT_COMMENTS = defineItemTable<RedditComment>({
  kind: 'comment',
  table: 'raw_comments',
  idColumn: 'id',
  timeColumn: 'created_utc',
  keysTable: 'comment_keys',
  firstSeenColumn: 'first_seen_at',
  updatedColumn: 'updated_at',
  minorChangesAfterMs: REDDIT_MINOR_CHANGES_AFTER_MS,
  columns: [
    text('id', (c) => c.id),
    { name: 'created_utc', type: 'timestamptz', value: (c) => c.createdUtc },
    text('subreddit', (c) => c.subreddit),
    text('subreddit_id', (c) => c.subredditId, { nullable: true }),
    text('link_id', (c) => c.linkId),
    text('parent_id', (c) => c.parentId),
    text('author', (c) => c.author, { mutable: true, reobserved: 'marker' }),
    text('author_fullname', (c) => c.authorFullname, { nullable: true, mutable: true, reobserved: 'marker' }),
    text('body', (c) => c.body, { mutable: true }),
    { name: 'score', type: 'int', nullable: true, value: (c) => c.score, mutable: true, reobserved: 'value', changeThreshold: REDDIT_SCORE_THRESHOLD },
    { name: 'edited_at', type: 'timestamptz', nullable: true, value: (c) => c.editedAt, mutable: true, reobserved: 'marker' },
    text('removed_by_category', (c) => c.removedByCategory, { nullable: true, mutable: true, reobserved: 'marker' }),
    text('distinguished', (c) => c.distinguished, { nullable: true, mutable: true, reobserved: 'value' }),
    { name: 'stickied', type: 'boolean', value: (c) => c.stickied, mutable: true, reobserved: 'value' },
    // the JSON text as received when there is one (an archive line): not serialised a second time
    { name: 'raw', type: 'jsonb', value: (c) => (c.rawJson === undefined ? sourcePayloadOf(c) : new JsonText(c.rawJson)), followsMutable: true },
  ],
  observations: {
    table: 'comment_metrics',
    itemIdColumn: 'comment_id',
    itemTimeColumn: 'comment_created_utc',
    observedAtColumn: 'observed_at',
    copied: { subreddit: 'subreddit', score: 'score' },
    // an unknown score is no observation (the subreddit is never null, so only the score is looked at)
    skipWhenAllNull: ['score'],
  },
  idOf: (c) => c.id,
  payloadOf: sourcePayloadOf,
});
