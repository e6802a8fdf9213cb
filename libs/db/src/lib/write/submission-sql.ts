/**
 * SQL of the submission write path, as pure strings (node-pg-migrate style: tested on the text).
 * Measured choices (docs/design-notes.md, "Write path measurements"): COPY into a staging table,
 * then one INSERT ... SELECT ... ON CONFLICT that only rewrites rows whose mutable fields really changed.
 */

/** Staging columns, in COPY order: the submission plus when it was observed. */
export const STAGING_COLUMNS = [
  'id', 'created_utc', 'subreddit', 'subreddit_id', 'author', 'author_fullname', 'title', 'selftext',
  'url', 'permalink', 'domain', 'is_self', 'over_18', 'spoiler', 'stickied', 'locked', 'link_flair_text',
  'distinguished', 'score', 'num_comments', 'upvote_ratio', 'edited_at', 'removed_by_category', 'raw',
  'observed_at',
] as const;

/**
 * Fields that change after a submission is posted. Only a difference in these rewrites a row;
 * `raw` follows them but is not compared (it holds volatile keys such as `ups`).
 */
export const MUTABLE_COLUMNS = [
  'score', 'num_comments', 'upvote_ratio', 'edited_at', 'removed_by_category', 'selftext', 'title',
  'author', 'author_fullname', 'link_flair_text', 'distinguished', 'stickied', 'locked', 'over_18',
  'spoiler', 'url',
] as const;

const STAGING_TABLE = 'stage_submissions';

const q = (name: string) => `"${name}"`;

/**
 * A per-transaction staging table. `on commit drop` keeps it safe behind PgBouncer in transaction
 * mode (a session-level temp table would leak to other clients' transactions).
 */
export const CREATE_STAGING_SQL = `create temp table ${STAGING_TABLE} (
  id text not null, created_utc timestamptz not null, subreddit text not null, subreddit_id text,
  author text not null, author_fullname text, title text not null, selftext text not null, url text,
  permalink text not null, domain text, is_self boolean not null, over_18 boolean not null,
  spoiler boolean not null, stickied boolean not null, locked boolean not null, link_flair_text text,
  distinguished text, score int not null, num_comments int not null, upvote_ratio real,
  edited_at timestamptz, removed_by_category text, raw jsonb not null, observed_at timestamptz not null
) on commit drop`;

export const COPY_STAGING_SQL = `copy ${STAGING_TABLE} (${STAGING_COLUMNS.map(q).join(', ')}) from stdin`;

/** Empties the staging table between the parts of a batch that is being split (isolation of bad rows). */
export const TRUNCATE_STAGING_SQL = `truncate ${STAGING_TABLE}`;

/**
 * Registers the id of every staged submission not seen before, and stores every staged submission
 * under the creation time its id was first registered with: one id is one row of raw_submissions,
 * whatever `created_utc` a later payload claims (the hypertable key must include the time; Reddit
 * never changes `created_utc`, so a different one comes from a bad payload).
 *
 * One statement, and no scan of submission_keys: the conflict check probes its primary key per row.
 * A re-observed id with the same time matches `where false` and writes nothing (no dead tuple); only
 * an id whose staged time differs is "updated" to its own registered time, so RETURNING hands back
 * that time, and only those staged rows are rewritten. A concurrent writer registering the same new
 * id waits for it to commit and then adopts its time.
 */
export const REGISTER_KEYS_SQL = `with registered as (
  insert into submission_keys as k ("id", "created_utc")
  select "id", "created_utc" from ${STAGING_TABLE}
  on conflict ("id") do update set "created_utc" = k."created_utc"
   where k."created_utc" <> excluded."created_utc"
  returning k."id", k."created_utc", (k.xmax = 0) as inserted
)
update ${STAGING_TABLE} s set "created_utc" = r."created_utc"
  from registered r
 where not r.inserted and r."id" = s."id"`;

const INSERTED_COLUMNS = STAGING_COLUMNS.filter((c) => c !== 'observed_at');

/**
 * Upserts the staged submissions and appends one engagement observation for every row that was
 * inserted or really changed. Returns one row: inserted, updated, observations.
 * `xmax = 0` marks a row version created by this insert rather than by the update branch.
 */
export const UPSERT_STAGED_SQL = `with upserted as (
  insert into raw_submissions as t (${INSERTED_COLUMNS.map(q).join(', ')}, "first_seen_at", "updated_at")
  select ${INSERTED_COLUMNS.map(q).join(', ')}, "observed_at", "observed_at" from ${STAGING_TABLE}
  on conflict ("id", "created_utc") do update set
    ${MUTABLE_COLUMNS.map((c) => `${q(c)} = excluded.${q(c)}`).join(',\n    ')},
    "raw" = excluded."raw",
    "updated_at" = excluded."updated_at"
  where (${MUTABLE_COLUMNS.map((c) => `t.${q(c)}`).join(', ')})
    is distinct from (${MUTABLE_COLUMNS.map((c) => `excluded.${q(c)}`).join(', ')})
  returning t."id", t."created_utc", (t.xmax = 0) as inserted
), observed as (
  insert into submission_metrics ("submission_id", "observed_at", "submission_created_utc", "subreddit", "score", "num_comments", "upvote_ratio")
  select s."id", s."observed_at", s."created_utc", s."subreddit", s."score", s."num_comments", s."upvote_ratio"
    from ${STAGING_TABLE} s join upserted u on u."id" = s."id" and u."created_utc" = s."created_utc"
  on conflict ("submission_id", "observed_at") do nothing
  returning 1
)
select count(*) filter (where inserted)::int as inserted,
       count(*) filter (where not inserted)::int as updated,
       (select count(*) from observed)::int as observations
  from upserted`;

/** Moves a stream's checkpoint; runs in the same transaction as the rows it covers. */
export const UPSERT_CHECKPOINT_SQL = `insert into scrape_checkpoints ("source", "stream", "newest_created_utc", "newest_id", "state", "updated_at")
values ($1, $2, $3, $4, $5, now())
on conflict ("source", "stream") do update set
  "newest_created_utc" = excluded."newest_created_utc",
  "newest_id" = excluded."newest_id",
  "state" = excluded."state",
  "updated_at" = now()`;

/** Records a period a stream could not see. */
export const INSERT_GAP_SQL = `insert into scrape_gaps ("source", "stream", "gap_start", "gap_end", "reason")
values ($1, $2, $3, $4, $5)`;

/** Quarantines items that could not be stored: one row per item, the latest report wins. */
export const UPSERT_REJECTED_SQL = `insert into rejected_items as r
  ("source", "stream", "item_kind", "item_key", "item_id", "stage", "reason", "sql_state", "payload", "first_seen_at", "last_seen_at")
select source, stream, item_kind, item_key, item_id, stage, reason, sql_state, payload, $10, $10
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
    as u(source, stream, item_kind, item_key, item_id, stage, reason, sql_state, payload)
on conflict ("source", "item_kind", "item_key") do update set
  "stream" = excluded."stream",
  "item_id" = excluded."item_id",
  "stage" = excluded."stage",
  "reason" = excluded."reason",
  "sql_state" = excluded."sql_state",
  "payload" = excluded."payload",
  "last_seen_at" = excluded."last_seen_at",
  "times_seen" = r."times_seen" + 1`;
