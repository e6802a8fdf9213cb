import { sourcePayloadOf, type Submission } from '@sentiment-ingest/models';
import { defineItemTable, type ItemColumn } from '../ingest/item-table';
import { JsonText } from '../write/copy-text';

const text = (name: string, value: (s: Submission) => string | null, extra: Partial<ItemColumn<Submission>> = {}): ItemColumn<Submission> => ({
  name,
  type: 'text',
  value,
  ...extra,
});

/**
 * Reddit fuzzes every score it serves by a few percent, so nearly every refresh of a post reads a
 * different score. A score change smaller than 2 points or 5 % of the stored score is not recorded
 * (neither the row nor an observation), until the stored values are an hour old; comment counts and
 * every other change are recorded at once.
 */
export const REDDIT_SCORE_THRESHOLD = Object.freeze({ absolute: 2, relative: 0.05 });
export const REDDIT_MINOR_CHANGES_AFTER_MS = 60 * 60_000;

/**
 * Reddit submissions (t3) in `raw_submissions`, a hypertable on `created_utc`; engagement over time
 * in `submission_metrics`; ids registered in `submission_keys`. Mutable: what Reddit lets change after
 * posting (engagement, edits, removals, moderation flags). `raw` follows them but is not compared: it
 * holds volatile keys such as `ups`.
 *
 * Re-observed (an engagement refresh of stored posts sends only these): the numbers and moderation
 * flags, updated in place; the author, edit time and removal as markers, since an edit or a deletion
 * changes the title/body/url only together with one of them. `raw` then keeps the payload of the
 * last whole write.
 */
export const REDDIT_SUBMISSIONS = defineItemTable<Submission>({
  kind: 'submission',
  table: 'raw_submissions',
  idColumn: 'id',
  timeColumn: 'created_utc',
  keysTable: 'submission_keys',
  firstSeenColumn: 'first_seen_at',
  updatedColumn: 'updated_at',
  minorChangesAfterMs: REDDIT_MINOR_CHANGES_AFTER_MS,
  columns: [
    text('id', (s) => s.id),
    { name: 'created_utc', type: 'timestamptz', value: (s) => s.createdUtc },
    text('subreddit', (s) => s.subreddit),
    text('subreddit_id', (s) => s.subredditId, { nullable: true }),
    text('author', (s) => s.author, { mutable: true, reobserved: 'marker' }),
    text('author_fullname', (s) => s.authorFullname, { nullable: true, mutable: true, reobserved: 'marker' }),
    text('title', (s) => s.title, { mutable: true }),
    text('selftext', (s) => s.selftext, { mutable: true }),
    text('url', (s) => s.url, { nullable: true, mutable: true }),
    text('permalink', (s) => s.permalink),
    text('domain', (s) => s.domain, { nullable: true }),
    { name: 'is_self', type: 'boolean', value: (s) => s.isSelf },
    { name: 'over_18', type: 'boolean', value: (s) => s.over18, mutable: true, reobserved: 'value' },
    { name: 'spoiler', type: 'boolean', value: (s) => s.spoiler, mutable: true, reobserved: 'value' },
    { name: 'stickied', type: 'boolean', value: (s) => s.stickied, mutable: true, reobserved: 'value' },
    { name: 'locked', type: 'boolean', value: (s) => s.locked, mutable: true, reobserved: 'value' },
    text('link_flair_text', (s) => s.linkFlairText, { nullable: true, mutable: true, reobserved: 'value' }),
    text('distinguished', (s) => s.distinguished, { nullable: true, mutable: true, reobserved: 'value' }),
    // nullable: archive posts of late 2017 have no score; an unknown score is stored as NULL, never 0
    { name: 'score', type: 'int', nullable: true, value: (s) => s.score, mutable: true, reobserved: 'value', changeThreshold: REDDIT_SCORE_THRESHOLD },
    { name: 'num_comments', type: 'int', value: (s) => s.numComments, mutable: true, reobserved: 'value' },
    { name: 'upvote_ratio', type: 'real', nullable: true, value: (s) => s.upvoteRatio, mutable: true, reobserved: 'value', changeThreshold: { absolute: 0.02 } },
    { name: 'edited_at', type: 'timestamptz', nullable: true, value: (s) => s.editedAt, mutable: true, reobserved: 'marker' },
    text('removed_by_category', (s) => s.removedByCategory, { nullable: true, mutable: true, reobserved: 'marker' }),
    // the JSON text as received when there is one (an archive line): not serialised a second time
    { name: 'raw', type: 'jsonb', value: (s) => (s.rawJson === undefined ? sourcePayloadOf(s) : new JsonText(s.rawJson)), followsMutable: true },
  ],
  observations: {
    table: 'submission_metrics',
    itemIdColumn: 'submission_id',
    observedAtColumn: 'observed_at',
    itemTimeColumn: 'submission_created_utc',
    copied: { subreddit: 'subreddit', score: 'score', num_comments: 'num_comments', upvote_ratio: 'upvote_ratio' },
  },
  idOf: (s) => s.id,
  payloadOf: sourcePayloadOf,
});
