import type { CopyColumn, CopyInto } from '../write/copy-binary';
import { reobservedColumns, type ItemColumn, type ItemTable } from './item-table';

/**
 * The SQL of one source's write path, derived from its declaration as pure strings (tested on the
 * text). The measured design (docs/design-notes.md, "Write path measurements"): COPY into a
 * per-transaction staging table, register new ids, then one INSERT ... SELECT ... ON CONFLICT that
 * only rewrites rows whose mutable fields really changed, appending an observation for each.
 */
export interface IngestSql {
  readonly stagingTable: string;
  /** staging columns in COPY order: the item's columns, then `observed_at` */
  readonly stagingColumns: readonly string[];
  readonly createStaging: string;
  readonly copyStaging: CopyInto;
  readonly truncateStaging: string;
  readonly registerKeys: string;
  /** one row `{ oldest, newest }`: the staged rows' item times after key registration (the upsert's `$2`, `$3`) */
  readonly stagedTimeRange: string;
  /**
   * returns one row: inserted, updated, observations. `$1`: the first_seen_at of the rows it inserts
   * (timestamptz; null: each row's observation time). With observations, `$2` and `$3`: the staged
   * rows' oldest and newest item time ({@link stagedTimeRange}); without, it takes `$1` only.
   */
  readonly upsert: string;
  /**
   * {@link upsert}, also appending the observation of a staged row whose stored values were observed
   * later (precedence keeps them): an archive's old reading is engagement history, not the current
   * value. Same parameters and result; its observations count both. Null without observations.
   */
  readonly upsertKeepingHistory: string | null;
  /** The statements of the path for a batch of ids none of which is stored yet (see {@link NewRowsSql}). */
  readonly newRows: NewRowsSql;
  /** The statements of a re-observation (see {@link ReobservationSql}); null when the table declares no re-observed column. */
  readonly reobservation: ReobservationSql | null;
}

/**
 * A re-observation of items known to be stored sends only their key, re-observed columns and
 * observation time into a narrow staging table, and one statement then:
 * - updates the values of rows whose values changed and whose markers did not (with `updated_at`),
 *   recording for each the observation it supersedes (the values it had until now): a changed row
 *   costs one narrow update and one observation row;
 * - leaves a row whose values and markers are equal untouched (no dead tuple), as it leaves one
 *   observed later than this re-observation (precedence);
 * - returns the ids to rewrite from the whole item: a changed marker (an edit, a removal), or a row
 *   not stored under that key after all (dropped by retention, or a payload claiming another time).
 * `apply` returns one row `{ updated, observations, rewrite: text[] }`. `$1` and `$2` are the oldest
 * and newest item time of the staged rows: on a hypertable they confine the statement to the chunks
 * those times fall in (planned with the values, so excluded at plan time); without them every chunk
 * is joined with the staged rows, which made a re-observation of 100k rows eight times slower than
 * COPY instead of faster.
 */
export interface ReobservationSql {
  readonly createStaging: string;
  /** id, time, the re-observed columns (declaration order), observed_at (see `reobservationRowOf`) */
  readonly copyStaging: CopyInto;
  readonly apply: string;
}

/**
 * A batch whose ids are all new needs no staging, no conflict handling and no comparison: its rows
 * are copied straight into the hypertable and the keys table: about a fifth less server time than
 * staging them (which parses every row once into the staging table and then inserts it with
 * conflict checks), and the server's time is most of a bulk import's. A new row writes no
 * observation: its values are its first observation, held by the row itself until a change
 * supersedes them.
 * `probe` decides: `$1` the batch's ids (an array), one row `{ stored: boolean }`, true when any of
 * them is registered. A concurrent writer of the same new id between the probe and the copy makes
 * the copy fail with a unique violation, and the batch is then written the staged way.
 */
export interface NewRowsSql {
  readonly probe: string;
  /** the id and time columns */
  readonly copyKeys: CopyInto;
  /** the item's columns, then first-seen and updated (see `newRowValues`) */
  readonly copyItems: CopyInto;
}

/** The staging column holding each row's observation time. */
export const OBSERVED_AT = 'observed_at';

const q = (name: string) => `"${name}"`;

const timestamptz = (name: string): CopyColumn => ({ name, type: 'timestamptz' });

/** A binary COPY into `table` of `columns`, in order (the encoder sends each as its declared type). */
function copyInto(table: string, columns: readonly CopyColumn[]): CopyInto {
  return {
    sql: `copy ${table} (${columns.map((c) => q(c.name)).join(', ')}) from stdin (format binary)`,
    columns: columns.map(({ name, type }) => ({ name, type })),
  };
}

/** Derives the statements of a source's write path from its item table declaration. */
export function ingestSql<Item>(spec: ItemTable<Item>): IngestSql {
  const stagingTable = `stage_${spec.table}`;
  const copyStaging = copyInto(stagingTable, [...spec.columns, timestamptz(OBSERVED_AT)]);
  return {
    stagingTable,
    stagingColumns: copyStaging.columns.map((c) => c.name),
    createStaging: createStaging(spec, stagingTable),
    copyStaging,
    truncateStaging: `truncate ${stagingTable}`,
    registerKeys: registerKeys(spec, stagingTable),
    stagedTimeRange: `select min(${q(spec.timeColumn)}) as oldest, max(${q(spec.timeColumn)}) as newest from ${stagingTable}`,
    upsert: upsert(spec, stagingTable, false),
    upsertKeepingHistory: spec.observations ? upsert(spec, stagingTable, true) : null,
    newRows: newRowsSql(spec),
    reobservation: reobservationSql(spec),
  };
}

function reobservationSql<Item>(spec: ItemTable<Item>): ReobservationSql | null {
  // the staging's column order must be the one reobservationRowOf encodes: both take it from reobservedColumns
  const reobserved = reobservedColumns(spec);
  if (reobserved.length === 0) return null;
  const stagingTable = `reobserve_${spec.table}`;
  const id = q(spec.idColumn);
  const time = q(spec.timeColumn);
  const updated = q(spec.updatedColumn);
  const key = spec.columns.slice(0, 2);
  const values = reobserved.filter((c) => c.reobserved === 'value').map((c) => q(c.name));
  const markers = reobserved.filter((c) => c.reobserved === 'marker').map((c) => q(c.name));
  const staged = [...key, ...reobserved];
  const row = (alias: string, columns: readonly string[]) => `(${columns.map((c) => `${alias}.${c}`).join(', ')})`;
  const markersEqual = markers.length === 0 ? 'true' : `${row('t', markers)} is not distinct from ${row('s', markers)}`;
  const markersDiffer = markers.length === 0 ? 'false' : `${row('t', markers)} is distinct from ${row('s', markers)}`;
  const o = spec.observations;
  // With observations, the update also reads each row as it was before the statement (`p`: every
  // part of a statement sees that snapshot) and hands on the values it supersedes, which become the
  // observation; the new values stay in the row (docs/design-notes.md, "Observations: the row holds
  // the current one").
  const superseded = o ? [...new Set(Object.values(o.copied))] : [];
  const returned = o
    ? [`t.${id}`, `t.${time}`, `p.${updated} as ${previous(spec.updatedColumn)}`, ...superseded.map((c) => `p.${q(c)} as ${previous(c)}`)]
    : [`t.${id}`];
  const from = o
    ? `${stagingTable} s join ${spec.table} p on p.${id} = s.${id} and p.${time} = s.${time} and p.${time} between $1::timestamptz and $2::timestamptz`
    : stagingTable + ' s';
  const changed = `changed as (
  update ${spec.table} t set
    ${[...values.map((c) => `${c} = s.${c}`), `${updated} = s.${q(OBSERVED_AT)}`].join(',\n    ')}
  from ${from}
  where t.${id} = s.${id} and t.${time} = s.${time}
    and t.${time} between $1::timestamptz and $2::timestamptz
    and s.${q(OBSERVED_AT)} >= t.${updated}
    and ${markersEqual}
    and ${changeCondition(spec, reobserved.filter((c) => c.reobserved === 'value'), 't', 's', `s.${q(OBSERVED_AT)}`)}
  returning ${returned.join(', ')}
)`;
  const observed = o
    ? `, observed as (
  insert into ${o.table} (${[o.itemIdColumn, o.observedAtColumn, o.itemTimeColumn, ...Object.keys(o.copied)].map(q).join(', ')})
  select ${[`c.${id}`, `c.${previous(spec.updatedColumn)}`, `c.${time}`, ...Object.values(o.copied).map((c) => `c.${previous(c)}`)].join(', ')}
    from changed c${allNullFilter(o, (column) => `c.${previous(column)}`)}
  on conflict (${q(o.itemIdColumn)}, ${q(o.observedAtColumn)}) do nothing
  returning 1
)`
    : '';
  return {
    createStaging: `create temp table ${stagingTable} (\n${[
      ...staged.map((c) => `  ${q(c.name)} ${c.type}${c.nullable ? '' : ' not null'}`),
      `  ${q(OBSERVED_AT)} timestamptz not null`,
    ].join(',\n')}\n) on commit drop`,
    copyStaging: copyInto(stagingTable, [...staged, timestamptz(OBSERVED_AT)]),
    // Every CTE sees the table as it was before the statement: `rewrite` and `changed` take disjoint rows.
    apply: `with rewrite as (
  select s.${id} from ${stagingTable} s
    left join ${spec.table} t on t.${id} = s.${id} and t.${time} = s.${time} and t.${time} between $1::timestamptz and $2::timestamptz
   where t.${id} is null
      or (s.${q(OBSERVED_AT)} >= t.${updated} and ${markersDiffer})
), ${changed}${observed}
select (select count(*) from changed)::int as updated,
       ${o ? '(select count(*) from observed)::int' : '0'} as observations,
       array(select ${id} from rewrite) as rewrite`,
  };
}

function newRowsSql<Item>(spec: ItemTable<Item>): NewRowsSql {
  const id = q(spec.idColumn);
  const idType = spec.columns[0]?.type ?? 'text';
  return {
    probe: `select exists (select 1 from ${spec.keysTable} where ${id} = any($1::${idType}[])) as stored`,
    copyKeys: copyInto(spec.keysTable, spec.columns.slice(0, 2)),
    copyItems: copyInto(spec.table, [...spec.columns, timestamptz(spec.firstSeenColumn), timestamptz(spec.updatedColumn)]),
  };
}

/**
 * A per-transaction staging table. `on commit drop` keeps it safe behind PgBouncer in transaction
 * mode (a session-level temp table would leak to other clients' transactions).
 */
function createStaging<Item>(spec: ItemTable<Item>, stagingTable: string): string {
  const columns = spec.columns.map((c) => `  ${q(c.name)} ${c.type}${c.nullable ? '' : ' not null'}`);
  return `create temp table ${stagingTable} (\n${[...columns, `  ${q(OBSERVED_AT)} timestamptz not null`].join(',\n')}\n) on commit drop`;
}

/**
 * Registers the id of every staged item not seen before, and stores every staged item under the
 * time its id was first registered with: one id is one row of the hypertable, whatever time a later
 * payload claims (the hypertable key must include the time column).
 *
 * No scan of the keys table: the conflict check probes its primary key per row. A re-observed id
 * with the same time matches `where false` and writes nothing (no dead tuple); only an id whose
 * staged time differs is "updated" to its own registered time, so RETURNING hands back that time,
 * and only those staged rows move. A concurrent writer of the same new id waits for it to commit,
 * then adopts its time.
 */
function registerKeys<Item>(spec: ItemTable<Item>, stagingTable: string): string {
  const id = q(spec.idColumn);
  const time = q(spec.timeColumn);
  return `with registered as (
  insert into ${spec.keysTable} as k (${id}, ${time})
  select ${id}, ${time} from ${stagingTable}
  on conflict (${id}) do update set ${time} = k.${time}
   where k.${time} <> excluded.${time}
  returning k.${id}, k.${time}, (k.xmax = 0) as inserted
)
update ${stagingTable} s set ${time} = r.${time}
  from registered r
 where not r.inserted and r.${id} = s.${id}`;
}

/**
 * The condition under which the `incoming` values of `columns` change the `stored` row: an exact
 * difference of a column without a change threshold; a difference of a thresholded column at least
 * its threshold (or to or from null); any difference once the stored values are older than
 * `minorChangesAfterMs`. Without thresholds, the plain row comparison.
 */
function changeCondition<Item>(spec: ItemTable<Item>, columns: readonly ItemColumn<Item>[], stored: string, incoming: string, incomingObservedAt: string): string {
  const row = (alias: string, names: readonly string[]) => `(${names.map((c) => `${alias}.${c}`).join(', ')})`;
  const all = columns.map((c) => q(c.name));
  const thresholded = columns.filter((c) => c.changeThreshold);
  if (thresholded.length === 0) return `${row(stored, all)}\n    is distinct from ${row(incoming, all)}`;
  const exact = columns.filter((c) => !c.changeThreshold).map((c) => q(c.name));
  const parts = exact.length > 0 ? [`${row(stored, exact)} is distinct from ${row(incoming, exact)}`] : [];
  for (const column of thresholded) {
    if (!column.changeThreshold) continue;
    const { absolute, relative = 0 } = column.changeThreshold;
    const [s, i] = [`${stored}.${q(column.name)}`, `${incoming}.${q(column.name)}`];
    const bound = relative > 0 ? `greatest(${absolute}, ${relative} * abs(${s}))` : `${absolute}`;
    parts.push(`(${s} is null) <> (${i} is null) or abs(${i} - ${s}) >= ${bound}`);
  }
  const staleAfter = `${incomingObservedAt} >= ${stored}.${q(spec.updatedColumn)} + interval '${spec.minorChangesAfterMs} milliseconds'`;
  parts.push(`${staleAfter} and ${row(stored, all)} is distinct from ${row(incoming, all)}`);
  return `(\n      ${parts.join('\n      or ')}\n    )`;
}

/**
 * With `skipWhenAllNull`, the condition that leaves out observations whose copied values are all null
 * ('' without). `valueOf` names an item column's value in the query (default: the staged row's).
 */
function allNullCondition(o: NonNullable<ItemTable<unknown>['observations']>, valueOf: (itemColumn: string) => string = (c) => `s.${q(c)}`): string {
  if (!o.skipWhenAllNull) return '';
  const checked = Array.isArray(o.skipWhenAllNull) ? o.skipWhenAllNull.map((column) => o.copied[column] as string) : Object.values(o.copied);
  return `not (${checked.map((c) => `${valueOf(c)} is null`).join(' and ')})`;
}

/** {@link allNullCondition} as a where clause. */
function allNullFilter(o: NonNullable<ItemTable<unknown>['observations']>, valueOf?: (itemColumn: string) => string): string {
  const condition = allNullCondition(o, valueOf);
  return condition ? `\n   where ${condition}` : '';
}

/** The name under which a statement hands on the value an item column had before it (`previous_<column>`). */
const previous = (itemColumn: string) => q(`previous_${itemColumn}`);

/**
 * Upserts the staged items and records, for every row it really changed, the observation the change
 * superseded: the stored values at their `updated_at`, read from the table as it was before the
 * statement (every CTE sees that snapshot). An inserted row records nothing: its values are its
 * first observation and stay in the row until a change moves them to the observation table, so the
 * observation table never repeats what the row holds (docs/design-notes.md, "Observations: the row
 * holds the current one"). `xmax = 0` marks a row version created by this insert rather than by the
 * update branch.
 *
 * Precedence: a staged row observed before the stored values (`updated_at`) never replaces them, so
 * an archive read years ago cannot undo what a live scraper read today; it counts as unchanged.
 *
 * `$1` is the first-seen time of a new row (the text_items cursor), or null for its observation time;
 * the conflict branch never touches it, so an item stays where readers first met it. With
 * observations, `$2` and `$3` are the oldest and newest item time of the staged rows (after key
 * registration): they confine the lookup of the stored values to those chunks at plan time.
 */
function upsert<Item>(spec: ItemTable<Item>, stagingTable: string, keepHistory: boolean): string {
  const id = q(spec.idColumn);
  const time = q(spec.timeColumn);
  const updated = q(spec.updatedColumn);
  const inserted = spec.columns.map((c) => q(c.name));
  const compared = spec.columns.filter((c) => c.mutable).map((c) => q(c.name));
  const rewritten = [...compared, ...spec.columns.filter((c) => c.followsMutable).map((c) => q(c.name)), updated];
  const upserted = `with upserted as (
  insert into ${spec.table} as t (${[...inserted, q(spec.firstSeenColumn), updated].join(', ')})
  select ${[...inserted, `coalesce($1::timestamptz, ${q(OBSERVED_AT)})`, q(OBSERVED_AT)].join(', ')} from ${stagingTable}
  on conflict (${id}, ${time}) do update set
    ${rewritten.map((c) => `${c} = excluded.${c}`).join(',\n    ')}
  where excluded.${updated} >= t.${updated}
    and ${changeCondition(spec, spec.columns.filter((c) => c.mutable), 't', 'excluded', `excluded.${updated}`)}
  returning t.${id}, t.${time}, (t.xmax = 0) as inserted
)`;
  const counts = `select count(*) filter (where inserted)::int as inserted,
       count(*) filter (where not inserted)::int as updated,
       ${spec.observations ? `(select count(*) from observed)::int${keepHistory ? ' + (select count(*) from history)::int' : ''}` : '0'} as observations
  from upserted`;
  if (!spec.observations) return `${upserted}\n${counts}`;
  const o = spec.observations;
  const targets = [o.itemIdColumn, o.observedAtColumn, o.itemTimeColumn, ...Object.keys(o.copied)].map(q);
  const superseded = [`p.${id}`, `p.${updated}`, `p.${time}`, ...Object.values(o.copied).map((c) => `p.${q(c)}`)];
  const allNull = allNullCondition(o, (c) => `p.${q(c)}`);
  return `${upserted}, observed as (
  insert into ${o.table} (${targets.join(', ')})
  select ${superseded.join(', ')}
    from upserted u join ${spec.table} p on p.${id} = u.${id} and p.${time} = u.${time} and p.${time} between $2::timestamptz and $3::timestamptz
   where not u.inserted${allNull ? `\n     and ${allNull}` : ''}
  on conflict (${q(o.itemIdColumn)}, ${q(o.observedAtColumn)}) do nothing
  returning 1
)${keepHistory ? historyCte(spec, stagingTable, targets) : ''}
${counts}`;
}

/**
 * The observations of staged rows older than what is stored. Every CTE of the statement sees the
 * table as it was before it, so a row the upsert just rewrote (observed_at >= updated_at) or
 * inserted (not there yet) is not matched; only the rows precedence kept from being rewritten are.
 */
function historyCte<Item>(spec: ItemTable<Item>, stagingTable: string, targets: readonly string[]): string {
  const o = spec.observations as NonNullable<ItemTable<Item>['observations']>;
  const id = q(spec.idColumn);
  const time = q(spec.timeColumn);
  const sources = [`s.${id}`, `s.${q(OBSERVED_AT)}`, `s.${time}`, ...Object.values(o.copied).map((c) => `s.${q(c)}`)];
  const allNull = allNullCondition(o);
  return `, history as (
  insert into ${o.table} (${targets.join(', ')})
  select ${sources.join(', ')}
    from ${stagingTable} s join ${spec.table} t on t.${id} = s.${id} and t.${time} = s.${time} and t.${time} between $2::timestamptz and $3::timestamptz
   where s.${q(OBSERVED_AT)} < t.${q(spec.updatedColumn)}${allNull ? `\n     and ${allNull}` : ''}
  on conflict (${q(o.itemIdColumn)}, ${q(o.observedAtColumn)}) do nothing
  returning 1
)`;
}
