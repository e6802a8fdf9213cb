/**
 * SQL every source's batch runs beside its rows, in the same transaction: the stream's checkpoint,
 * the gaps it could not see, and the items it could not store. Pure strings, tested on the text.
 */

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
