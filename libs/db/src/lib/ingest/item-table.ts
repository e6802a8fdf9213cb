import type { CopyValue } from '../write/copy-text';

/**
 * A column's PostgreSQL type: the staging table declares it, and COPY sends the column's values in its
 * binary form, so it must be the table's own type (`int` for an `int` column, not `bigint`).
 */
export type ColumnType = 'text' | 'timestamptz' | 'int' | 'bigint' | 'real' | 'double precision' | 'boolean' | 'jsonb';

/** One column of a source's item table, and how a domain item fills it. */
export interface ItemColumn<Item> {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable?: boolean;
  /**
   * The column changes after the item first appears (a score, an edit). A difference in a mutable
   * column rewrites the row; a difference elsewhere does not (those are facts of the item).
   */
  readonly mutable?: boolean;
  /** Rewritten with the mutable columns but never compared (a payload holding volatile keys). */
  readonly followsMutable?: boolean;
  /**
   * Sent in a re-observation of an item known to be stored (`ItemBatch.knownStored`), which
   * carries only the key, these columns and the observation time instead of the whole row:
   * - `value`: a number that changes freely (engagement); a difference updates it in place;
   * - `marker`: a small column whose change says other mutable columns may have changed too (an edit
   *   time, a removal): the row is then rewritten from the whole item.
   * Only mutable columns can be re-observed. A mutable column left out (a body, a title) must be
   * covered by a marker: its change must show in one.
   */
  readonly reobserved?: 'value' | 'marker';
  /**
   * A numeric mutable column whose small changes say little (Reddit fuzzes its scores by a few
   * percent on every read): a change smaller than `max(absolute, relative × |stored value|)` leaves
   * the row and its engagement history as they are, until the stored values are older than the
   * table's `minorChangesAfterMs`. Changes accumulate against the stored value, so a slow drift is
   * recorded once it passes the threshold. A change to or from null always counts.
   */
  readonly changeThreshold?: { readonly absolute: number; readonly relative?: number };
  readonly value: (item: Item) => CopyValue;
}

/** An append-only table of observations of an item's mutable numbers (engagement over time). */
export interface ObservationTable {
  readonly table: string;
  /** observation column ← item table column; must include the item id, time and the observation time */
  readonly itemIdColumn: string;
  readonly itemTimeColumn: string;
  readonly observedAtColumn: string;
  /** further columns copied from the staged item: observation column → item column */
  readonly copied: Readonly<Record<string, string>>;
  /**
   * Write no observation when every copied value is null (an item without engagement: a Hacker News
   * comment has neither score nor comment count). A list of observation columns (keys of `copied`)
   * looks at those only: a Reddit comment's observation also copies its subreddit, never null, and is
   * skipped when its score is unknown. Default false: every inserted or changed row is observed.
   */
  readonly skipWhenAllNull?: boolean | readonly string[];
}

/**
 * How a source stores its items, declared once. From it the ingest core derives the staging table,
 * the COPY, the key registration and the idempotent upsert (see ingest-sql.ts).
 */
export interface ItemTable<Item> {
  /** what an item is, in `rejected_items.item_kind` (e.g. `submission`) */
  readonly kind: string;
  /** the hypertable, e.g. `raw_submissions` */
  readonly table: string;
  /** the item's own id (unique by itself, whatever time a payload claims) */
  readonly idColumn: string;
  /** the hypertable's time column, part of its primary key with the id */
  readonly timeColumn: string;
  /**
   * The table registering each id with the time it was first stored under (`id` primary key and
   * the time column), so one id is one row of the hypertable.
   */
  readonly keysTable: string;
  /** set at insert to the observation time */
  readonly firstSeenColumn: string;
  /** the observation time of the row's current mutable values; an older observation never replaces them */
  readonly updatedColumn: string;
  /** every column the source fills, in COPY order; the id and time columns first */
  readonly columns: readonly ItemColumn<Item>[];
  /**
   * With columns that have a `changeThreshold`: once the stored values are this old, any change is
   * recorded again, so the engagement series has a point at least this often while values move.
   */
  readonly minorChangesAfterMs?: number;
  readonly observations?: ObservationTable;
  /** the item's id and payload, for reports of items that cannot be stored */
  readonly idOf: (item: Item) => string;
  readonly payloadOf: (item: Item) => unknown;
}

/** Checks a declaration once, when it is made: a wrong one would only fail at the first write. */
export function defineItemTable<Item>(declaration: ItemTable<Item>): ItemTable<Item> {
  const problems: string[] = [];
  const names = declaration.columns.map((c) => c.name);
  const identifier = /^[a-z_][a-z0-9_]*$/;
  for (const name of [declaration.table, declaration.keysTable, declaration.firstSeenColumn, declaration.updatedColumn, ...names]) {
    if (!identifier.test(name)) problems.push(`"${name}" is not a lower-case SQL identifier`);
  }
  if (names[0] !== declaration.idColumn || names[1] !== declaration.timeColumn) {
    problems.push(`the first two columns must be the id (${declaration.idColumn}) and the time (${declaration.timeColumn})`);
  }
  const duplicates = names.filter((name, i) => names.indexOf(name) !== i);
  if (duplicates.length > 0) problems.push(`columns declared twice: ${duplicates.join(', ')}`);
  for (const column of declaration.columns.slice(0, 2)) {
    if (column.nullable || column.mutable) problems.push(`${column.name} is part of the key: it cannot be nullable or mutable`);
  }
  if (!declaration.columns.some((c) => c.mutable)) problems.push('no column is mutable: declare which fields change after an item appears');
  for (const column of declaration.columns) {
    if (column.reobserved && !column.mutable) problems.push(`${column.name} is re-observed but not mutable: only mutable columns change after an item appears`);
  }
  const thresholded = declaration.columns.filter((c) => c.changeThreshold);
  for (const column of thresholded) {
    const { absolute, relative = 0 } = column.changeThreshold ?? { absolute: 0 };
    if (!column.mutable) problems.push(`${column.name} has a change threshold but is not mutable`);
    if (!['int', 'bigint', 'real', 'double precision'].includes(column.type)) problems.push(`${column.name} has a change threshold but is not numeric`);
    if (!(absolute >= 0 && relative >= 0 && Number.isFinite(absolute) && Number.isFinite(relative))) problems.push(`${column.name} needs a finite, non-negative change threshold`);
  }
  const after = declaration.minorChangesAfterMs;
  if (thresholded.length > 0 && !(after !== undefined && Number.isInteger(after) && after > 0)) {
    problems.push('columns with a change threshold need minorChangesAfterMs (a positive whole number of ms): otherwise a small change would never be recorded');
  }
  const reobserved = declaration.columns.filter((c) => c.reobserved);
  if (reobserved.length > 0) {
    if (!reobserved.some((c) => c.reobserved === 'value')) problems.push('re-observed columns include no value: declare which numbers are updated in place');
    const uncovered = declaration.columns.filter((c) => c.mutable && !c.reobserved);
    if (uncovered.length > 0 && !reobserved.some((c) => c.reobserved === 'marker')) {
      problems.push(`mutable columns ${uncovered.map((c) => c.name).join(', ')} are not re-observed and no marker covers their changes`);
    }
  }
  const skip = declaration.observations?.skipWhenAllNull;
  if (skip && Object.keys(declaration.observations?.copied ?? {}).length === 0) {
    problems.push('observations.skipWhenAllNull needs at least one copied column');
  }
  if (Array.isArray(skip)) {
    if (skip.length === 0) problems.push('observations.skipWhenAllNull lists no column');
    for (const column of skip) {
      if (!(column in (declaration.observations?.copied ?? {}))) problems.push(`observations.skipWhenAllNull names "${column}", not a copied observation column`);
    }
  }
  for (const column of Object.values(declaration.observations?.copied ?? {})) {
    if (!names.includes(column)) problems.push(`observation column source "${column}" is not a column of ${declaration.table}`);
  }
  if (problems.length > 0) throw new TypeError(`Invalid item table ${declaration.table}: ${problems.join('; ')}`);
  return Object.freeze(declaration);
}

/** An item's staging row, in COPY order: its columns, then its observation time. */
export function stagingValues<Item>(table: ItemTable<Item>, item: Item, observedAt: Date): CopyValue[] {
  const values = table.columns.map((column) => column.value(item));
  values.push(observedAt);
  return values;
}

/** The columns a re-observation sends ({@link ItemColumn.reobserved}), in COPY order after the id and time; empty when the table declares none. */
export function reobservedColumns<Item>(table: ItemTable<Item>): readonly ItemColumn<Item>[] {
  return table.columns.filter((c) => c.reobserved);
}

/** An item's re-observation row, in COPY order: its id, time, re-observed columns, then its observation time. */
export function reobservationRowOf<Item>(table: ItemTable<Item>): (item: Item, observedAt: Date) => CopyValue[] {
  const columns = [...table.columns.slice(0, 2), ...reobservedColumns(table)];
  return (item, observedAt) => {
    const values = columns.map((column) => column.value(item));
    values.push(observedAt);
    return values;
  };
}

/** A new item's row of the hypertable, in `copyItems` order: its columns, first-seen, updated (its observation time). */
export function newRowValues<Item>(table: ItemTable<Item>, item: Item, observedAt: Date, firstSeenAt: Date | undefined): CopyValue[] {
  const values = table.columns.map((column) => column.value(item));
  values.push(firstSeenAt ?? observedAt, observedAt);
  return values;
}

/** A new item's row of the keys table: its id and time. */
export function keyValues<Item>(table: ItemTable<Item>, item: Item): CopyValue[] {
  return table.columns.slice(0, 2).map((column) => column.value(item));
}
