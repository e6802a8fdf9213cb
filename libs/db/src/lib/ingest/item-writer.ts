import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { ScrapeCheckpoint, ScrapeGap } from '@sentiment-ingest/models';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { WriteFailedError } from '../errors';
import { BinaryCopyRows, type CopyInto } from '../write/copy-binary';
import { UnstorableValueError, type CopyValue } from '../write/copy-text';
import { toRejectedRows, type RejectedItem } from '../write/rejected-items';
import { isRetryableDatabaseError, isRowDataError, sqlStateOf } from '../write/sqlstate';
import { INSERT_GAP_SQL, UPSERT_CHECKPOINT_SQL, UPSERT_REJECTED_SQL } from './batch-sql';
import { ingestSql, type IngestSql } from './ingest-sql';
import { keyValues, newRowValues, reobservationRowOf, stagingValues, type ItemTable } from './item-table';

/** Lends a connection for one transaction and takes it back (a pg.Pool, or the ORM's pool). */
export interface ConnectionSource {
  acquire(): Promise<ClientBase>;
  /** `error` set: the connection may be broken and should be discarded */
  release(client: ClientBase, error?: Error): void;
}

/** One atomic write of a source: items, and the scrape state that covers them. */
export interface ItemBatch<Item> {
  readonly items: readonly Item[];
  /** when the items were read: the time of their observation (one time, or one per item) */
  readonly observedAt: Date | ((item: Item) => Date);
  /**
   * when this batch is first stored, for the text_items cursor: a new row's `first_seen_at` (never
   * moved by a later write); default: each row's observedAt (a live scraper's fetch time). An importer
   * of old observations passes the time of the write, so readers see the imported rows as new items.
   */
  readonly firstSeenAt?: Date;
  /**
   * Also record the observation of an item whose stored values were observed later (they stay): an
   * import of old readings adds them to the engagement history. Costs a lookup of each staged row in
   * the hypertable, so a live scraper, whose observations are the newest, leaves it off.
   */
  readonly keepOlderObservations?: boolean;
  /**
   * The caller knows these items are stored already (an engagement refresh); a function says it per
   * item. Of such items only the key, the table's re-observed columns and the observation time are
   * sent, and a changed number is updated in place. Items whose markers changed (an edit, a removal),
   * or that turn out not to be stored, are written whole in the same transaction, as are the items
   * the function declines: a wrong guess costs time, never data. Ignored when the table declares no
   * re-observed column, and with `keepOlderObservations`.
   */
  readonly knownStored?: boolean | ((item: Item) => boolean);
  /**
   * Moved in the same transaction as the rows (resume after a crash: no gap, no duplicate). A
   * function receives the items really stored (without the rows PostgreSQL refused), so a
   * checkpoint is derived only from stored items.
   */
  readonly checkpoints?: readonly ScrapeCheckpoint[] | ((stored: readonly Item[]) => readonly ScrapeCheckpoint[]);
  readonly gaps?: readonly ScrapeGap[];
  /** items refused before the write (normalisation); quarantined in the same transaction */
  readonly rejected?: readonly RejectedItem[];
  /** the stream rows PostgreSQL refuses are reported under */
  readonly stream?: string | null;
  /** when quarantined items were last seen (default: now) */
  readonly seenAt?: Date;
  /**
   * The caller's own statements, run in the batch's transaction after its rows, checkpoints, gaps and
   * quarantine, just before the commit: they commit with the rows or not at all (e.g. an archive
   * import's progress, `archiveProgress`). Runs again when the batch is retried to isolate refused
   * rows (the first try was rolled back). An error fails the batch.
   */
  readonly inTransaction?: (client: ClientBase, outcome: BatchOutcome<Item>) => Promise<void>;
}

/** What a batch stored, as its {@link ItemBatch.inTransaction} statements see it before the commit. */
export interface BatchOutcome<Item> extends WriteCounts {
  /** the items stored (without those PostgreSQL refused) */
  readonly stored: readonly Item[];
  /** the items quarantined in this transaction: those refused before the write and those PostgreSQL refused */
  readonly rejected: number;
}

/** What a batch changed. Unchanged re-ingested rows count nowhere: they were not rewritten. */
export interface WriteCounts {
  readonly inserted: number;
  readonly updated: number;
  /** stored rows not rewritten: equal to what was stored, or observed before it (precedence) */
  readonly unchanged: number;
  readonly observations: number;
}

/** What a batch changed, and which of its rows were set aside. */
export interface WriteResult extends WriteCounts {
  /** rows PostgreSQL refused (quarantined in `rejected_items`); the rest of the batch was stored */
  readonly rejected: readonly RejectedItem[];
}

interface Counts {
  inserted: number;
  updated: number;
  observations: number;
}

/** A row set aside: the item and why it cannot be stored. */
interface RefusedRow<Item> {
  readonly item: Item;
  readonly error: unknown;
}

/** The first try of a batch met a row PostgreSQL refuses: the batch is retried, isolating such rows. */
class RowDataFailure extends Error {}

/** Bytes of encoded rows per chunk handed to COPY: large enough to avoid tiny socket writes, small enough to bound memory. */
const CHUNK_BYTES = 256 * 1024;

/**
 * The bulk write path of every source, from its item table declaration: COPY into a staging
 * table, register new ids, one idempotent upsert keyed on the id, observations, checkpoints, gaps
 * and quarantined items, all in one transaction.
 *
 * A row PostgreSQL refuses (bad data: SQLSTATE class 22/23, or 54000) never blocks the others: the
 * transaction is rolled back and the batch written again in parts under savepoints, halving each part
 * that fails, until the refused rows stand alone; they go to `rejected_items`, the rest is stored.
 * The ORM is bypassed on purpose: it inlines values client-side and is ~12x slower (README "The write path").
 */
export class ItemWriter<Item> {
  private readonly connections: ConnectionSource;
  private readonly spec: ItemTable<Item>;
  private readonly source: string;
  private readonly sql: IngestSql;
  private readonly reobservationRow: ReturnType<typeof reobservationRowOf<Item>>;

  constructor(options: { connections: ConnectionSource; table: ItemTable<Item>; source: string }) {
    this.connections = options.connections;
    this.spec = options.table;
    this.source = options.source;
    this.sql = ingestSql(options.table);
    this.reobservationRow = reobservationRowOf(options.table);
  }

  /**
   * Writes the batch atomically, setting aside rows PostgreSQL refuses; on any other failure nothing
   * is stored and a {@link WriteFailedError} says whether to retry.
   */
  async write(batch: ItemBatch<Item>): Promise<WriteResult> {
    const items = this.dedupe(batch.items);
    try {
      return await this.transaction(batch, items, false);
    } catch (error) {
      if (!(error instanceof RowDataFailure)) throw error;
      return this.transaction(batch, items, true);
    }
  }

  /** Keeps one item per id, the last one given (the freshest view); PostgreSQL refuses to upsert a row twice in one statement. */
  private dedupe(items: readonly Item[]): Item[] {
    const byId = new Map<string, Item>();
    for (const item of items) {
      const id = this.spec.idOf(item);
      byId.delete(id);
      byId.set(id, item);
    }
    return [...byId.values()];
  }

  private async transaction(batch: ItemBatch<Item>, items: readonly Item[], isolate: boolean): Promise<WriteResult> {
    const client = await this.acquire();
    let broken: Error | undefined;
    try {
      await client.query('begin');
      const refused: RefusedRow<Item>[] = [];
      let counts: Counts = { inserted: 0, updated: 0, observations: 0 };
      if (items.length > 0) {
        if (isolate) await client.query(this.sql.createStaging);
        counts = isolate ? await this.storeIsolating(client, items, batch, refused) : await this.storeAll(client, items, batch, refused);
      }
      const refusedSet = new Set(refused.map((r) => r.item));
      const stored = refusedSet.size === 0 ? items : items.filter((item) => !refusedSet.has(item));
      const checkpoints = typeof batch.checkpoints === 'function' ? batch.checkpoints(stored) : (batch.checkpoints ?? []);
      for (const checkpoint of checkpoints) await upsertCheckpoint(client, checkpoint);
      for (const gap of batch.gaps ?? []) await insertGap(client, gap);
      const rejected = refused.map((r) => this.toRejectedItem(r, batch.stream ?? null));
      await quarantine(client, [...(batch.rejected ?? []), ...rejected], batch.seenAt ?? new Date());
      const written: WriteCounts = {
        inserted: counts.inserted,
        updated: counts.updated,
        unchanged: stored.length - counts.inserted - counts.updated,
        observations: counts.observations,
      };
      if (batch.inTransaction) {
        await batch.inTransaction(client, { ...written, stored, rejected: (batch.rejected?.length ?? 0) + rejected.length });
      }
      await client.query('commit');
      return { ...written, rejected };
    } catch (error) {
      broken = error instanceof Error ? error : new Error(String(error));
      await client.query('rollback').catch(() => undefined);
      if (error instanceof RowDataFailure) throw error;
      throw toWriteError(error, items.length, this.spec.kind);
    } finally {
      // a refused row (RowDataFailure: the batch is retried to isolate it) leaves a healthy connection
      const connectionBroken = broken && !(broken instanceof RowDataFailure) && isRetryableDatabaseError(broken);
      this.connections.release(client, connectionBroken ? broken : undefined);
    }
  }

  private async acquire(): Promise<ClientBase> {
    try {
      return await this.connections.acquire();
    } catch (error) {
      throw toWriteError(error, 0, this.spec.kind);
    }
  }

  /**
   * The fast paths: a re-observation of stored items as narrow rows; a batch of new ids straight into
   * its tables; any other batch in one COPY and one upsert. A refused row (or a unique violation:
   * another writer stored one of the ids meanwhile) sends the batch to isolation, which always takes
   * the staged upsert.
   */
  private async storeAll(client: ClientBase, rows: readonly Item[], batch: ItemBatch<Item>, refused: RefusedRow<Item>[]): Promise<Counts> {
    try {
      if (batch.knownStored && !batch.keepOlderObservations && this.sql.reobservation) return await this.reobserve(client, rows, batch, refused);
      if (await this.allNew(client, rows)) return await this.copyNewRows(client, rows, batch, refused);
      await client.query(this.sql.createStaging);
      return await this.copyAndUpsert(client, rows, batch, refused);
    } catch (error) {
      if (isRowDataError(error)) throw new RowDataFailure('a row was refused', { cause: error });
      throw error;
    }
  }

  /**
   * Stores what can be stored: each part is tried under a savepoint; a part refused for its data is
   * rolled back and split in halves, down to single rows, which are set aside with their error.
   * k bad rows among n cost about 2·k·log2(n) extra statements.
   */
  private async storeIsolating(client: ClientBase, rows: readonly Item[], batch: ItemBatch<Item>, refused: RefusedRow<Item>[]): Promise<Counts> {
    const total: Counts = { inserted: 0, updated: 0, observations: 0 };
    const tryPart = async (part: readonly Item[]): Promise<void> => {
      await client.query('savepoint isolate_rows');
      try {
        const counts = await this.copyAndUpsert(client, part, batch, refused);
        await client.query(this.sql.truncateStaging);
        await client.query('release savepoint isolate_rows');
        total.inserted += counts.inserted;
        total.updated += counts.updated;
        total.observations += counts.observations;
      } catch (error) {
        await client.query('rollback to savepoint isolate_rows');
        await client.query('release savepoint isolate_rows');
        if (!isRowDataError(error)) throw error;
        if (part.length === 1) {
          refused.push({ item: part[0] as Item, error });
          return;
        }
        const half = Math.ceil(part.length / 2);
        await tryPart(part.slice(0, half));
        await tryPart(part.slice(half));
      }
    };
    await tryPart(rows);
    return total;
  }

  private async copyAndUpsert(client: ClientBase, rows: readonly Item[], batch: ItemBatch<Item>, refused: RefusedRow<Item>[]): Promise<Counts> {
    // Rows are encoded as COPY pulls them, so node's encoding overlaps the server's parsing.
    await this.copy(client, this.sql.copyStaging, rows, (item) => stagingValues(this.spec, item, this.observedAtOf(batch, item)), refused);
    await client.query(this.sql.registerKeys);
    const statement = (batch.keepOlderObservations && this.sql.upsertKeepingHistory) || this.sql.upsert;
    const { rows: result } = await client.query<Counts>(statement, [batch.firstSeenAt ?? null, ...(await this.stagedTimeRange(client))]);
    return result[0] ?? { inserted: 0, updated: 0, observations: 0 };
  }

  /**
   * The staged rows' oldest and newest item time, which confine the upsert's lookup of superseded
   * values to their chunks; none without observations (the upsert then takes `$1` only). Read after
   * key registration, which may move a row to the time its id was first stored under.
   */
  private async stagedTimeRange(client: ClientBase): Promise<Date[]> {
    if (!this.spec.observations) return [];
    const { rows } = await client.query<{ oldest: Date | null; newest: Date | null }>(this.sql.stagedTimeRange);
    const epoch = new Date(0);
    return [rows[0]?.oldest ?? epoch, rows[0]?.newest ?? epoch];
  }

  /**
   * Sends the rows' re-observed columns only; the statement updates changed numbers in place and
   * names the rows to rewrite whole (a changed marker, or not stored after all), which then take the
   * staged upsert in the same transaction.
   */
  private async reobserve(client: ClientBase, rows: readonly Item[], batch: ItemBatch<Item>, refused: RefusedRow<Item>[]): Promise<Counts> {
    const sql = this.sql.reobservation as NonNullable<IngestSql['reobservation']>;
    const known = batch.knownStored;
    const narrow = typeof known === 'function' ? rows.filter((item) => known(item)) : rows;
    const applied = narrow.length === 0 ? { updated: 0, observations: 0, rewrite: [] } : await this.applyReobservations(client, sql, narrow, batch, refused);
    const counts: Counts = { inserted: 0, updated: applied.updated, observations: applied.observations };
    const rewrite = new Set(applied.rewrite);
    const narrowSet = narrow === rows ? null : new Set(narrow);
    const whole = rows.filter((item) => (narrowSet !== null && !narrowSet.has(item)) || rewrite.has(this.spec.idOf(item)));
    if (whole.length === 0) return counts;
    await client.query(this.sql.createStaging);
    const rewritten = await this.copyAndUpsert(client, whole, batch, refused);
    return {
      inserted: rewritten.inserted,
      updated: counts.updated + rewritten.updated,
      observations: counts.observations + rewritten.observations,
    };
  }

  private async applyReobservations(
    client: ClientBase,
    sql: NonNullable<IngestSql['reobservation']>,
    rows: readonly Item[],
    batch: ItemBatch<Item>,
    refused: RefusedRow<Item>[],
  ): Promise<{ updated: number; observations: number; rewrite: string[] }> {
    await client.query(sql.createStaging);
    // The batch's time range, taken from the rows as they are encoded: a row whose time is not a
    // valid Date falls outside it and is written whole (the statement does not find it stored).
    let oldest = Number.POSITIVE_INFINITY;
    let newest = Number.NEGATIVE_INFINITY;
    const rowOf = (item: Item): CopyValue[] => {
      const values = this.reobservationRow(item, this.observedAtOf(batch, item));
      const ms = values[1] instanceof Date ? values[1].getTime() : Number.NaN;
      if (Number.isFinite(ms)) {
        oldest = Math.min(oldest, ms);
        newest = Math.max(newest, ms);
      }
      return values;
    };
    await this.copy(client, sql.copyStaging, rows, rowOf, refused);
    const range = oldest <= newest ? [new Date(oldest), new Date(newest)] : [new Date(0), new Date(0)];
    const { rows: result } = await client.query<{ updated: number; observations: number; rewrite: string[] }>(sql.apply, range);
    return result[0] ?? { updated: 0, observations: 0, rewrite: [] };
  }

  /** True when none of the rows' ids is registered yet: the batch can take the new-rows path. */
  private async allNew(client: ClientBase, rows: readonly Item[]): Promise<boolean> {
    const { rows: found } = await client.query<{ stored: boolean }>(this.sql.newRows.probe, [rows.map((item) => this.spec.idOf(item))]);
    return found[0]?.stored === false;
  }

  /**
   * Stores rows whose ids are all new with one COPY per table: the hypertable and the keys. No
   * observation: a new row's values are its first one (docs/design-notes.md, "Observations: the row
   * holds the current one"). A row whose values cannot be encoded is set aside before any table sees
   * it, so the tables stay consistent.
   */
  private async copyNewRows(client: ClientBase, rows: readonly Item[], batch: ItemBatch<Item>, refused: RefusedRow<Item>[]): Promise<Counts> {
    const before = refused.length;
    await this.copy(client, this.sql.newRows.copyItems, rows, (item) => newRowValues(this.spec, item, this.observedAtOf(batch, item), batch.firstSeenAt), refused);
    const setAside = new Set(refused.slice(before).map((r) => r.item));
    const stored = setAside.size === 0 ? rows : rows.filter((item) => !setAside.has(item));
    await this.copy(client, this.sql.newRows.copyKeys, stored, (item) => keyValues(this.spec, item), refused);
    return { inserted: stored.length, updated: 0, observations: 0 };
  }

  private observedAtOf(batch: ItemBatch<Item>, item: Item): Date {
    return typeof batch.observedAt === 'function' ? batch.observedAt(item) : batch.observedAt;
  }

  /** One binary COPY of the rows' values, encoded as the server pulls them. */
  private async copy(client: ClientBase, into: CopyInto, rows: readonly Item[], valuesOf: (item: Item) => CopyValue[], refused: RefusedRow<Item>[]): Promise<void> {
    await pipeline(Readable.from(this.encodeInChunks(into, rows, valuesOf, refused)), client.query(copyFrom(into.sql)));
  }

  /** Encodes rows into COPY chunks; a row with a value that cannot be stored is set aside (once). */
  private *encodeInChunks(into: CopyInto, rows: readonly Item[], valuesOf: (item: Item) => CopyValue[], refused: RefusedRow<Item>[]): Generator<Buffer> {
    const chunks = new BinaryCopyRows(into.columns, CHUNK_BYTES);
    for (const item of rows) {
      let full: Buffer | null;
      try {
        full = chunks.add(valuesOf(item));
      } catch (error) {
        if (!refused.some((r) => r.item === item)) refused.push({ item, error });
        continue;
      }
      if (full) yield full;
    }
    yield* chunks.finish();
  }

  private toRejectedItem(row: RefusedRow<Item>, stream: string | null): RejectedItem {
    // the encoder's refusals carry the SQLSTATE the server would give; the server's, their own
    const { error } = row;
    const sqlState = error instanceof UnstorableValueError ? error.sqlState : sqlStateOf(error);
    const byServer = !(error instanceof UnstorableValueError) && sqlState !== null;
    const detail = error instanceof Error ? error.message : String(error);
    return {
      source: this.source,
      stream,
      itemKind: this.spec.kind,
      itemId: this.spec.idOf(row.item),
      stage: 'write',
      reason: byServer
        ? `PostgreSQL refused the row (SQLSTATE ${sqlState}): ${detail}`
        : `the row cannot be stored: ${detail}${sqlState ? ` (SQLSTATE ${sqlState})` : ''}`,
      sqlState,
      payload: this.spec.payloadOf(row.item),
    };
  }
}

async function upsertCheckpoint(client: ClientBase, checkpoint: ScrapeCheckpoint): Promise<void> {
  await client.query(UPSERT_CHECKPOINT_SQL, [
    checkpoint.source,
    checkpoint.stream,
    checkpoint.newestCreatedUtc,
    checkpoint.newestId,
    JSON.stringify(checkpoint.state),
  ]);
}

async function insertGap(client: ClientBase, gap: ScrapeGap): Promise<void> {
  await client.query(INSERT_GAP_SQL, [gap.source, gap.stream, gap.gapStart, gap.gapEnd, gap.reason]);
}

async function quarantine(client: ClientBase, items: readonly RejectedItem[], seenAt: Date): Promise<void> {
  if (items.length === 0) return;
  const rows = toRejectedRows(items);
  const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
  await client.query(UPSERT_REJECTED_SQL, [
    column('source'),
    column('stream'),
    column('itemKind'),
    column('itemKey'),
    column('itemId'),
    column('stage'),
    column('reason'),
    column('sqlState'),
    column('payload'),
    seenAt,
  ]);
}

function toWriteError(error: unknown, rows: number, kind: string): WriteFailedError {
  if (error instanceof WriteFailedError) return error;
  const sqlState = sqlStateOf(error);
  const retryable = isRetryableDatabaseError(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new WriteFailedError(
    `Writing a batch of ${rows} ${kind}(s) failed${sqlState ? ` (SQLSTATE ${sqlState})` : ''}: ${detail}. ` +
      `Nothing of the batch was stored; ${retryable ? 'retrying later may succeed' : 'retrying will not help'}.`,
    { cause: error, retryable, sqlState },
  );
}
