import { describe, expect, it } from '@jest/globals';
import * as libraryExports from '../../index';
import { useWriterDatabase } from '../../testing/writer-database';
import { ingestSql } from '../ingest/ingest-sql';
import type { ColumnType, ItemTable } from '../ingest/item-table';
import type { CopyInto } from '../write/copy-binary';

const db = useWriterDatabase();

/** How PostgreSQL names each declarable type (format_type). */
const POSTGRES_NAME: Readonly<Record<ColumnType, string>> = {
  text: 'text',
  timestamptz: 'timestamp with time zone',
  int: 'integer',
  bigint: 'bigint',
  real: 'real',
  'double precision': 'double precision',
  boolean: 'boolean',
  jsonb: 'jsonb',
};

/** Each column a COPY names, with the type the table really has (null: no such column). */
async function tableTypes(table: string, into: CopyInto): Promise<{ name: string; type: string | null }[]> {
  const { rows } = await db.pool.query<{ name: string; type: string }>(
    `select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped`,
    [table],
  );
  const types = new Map(rows.map((row) => [row.name, row.type]));
  return into.columns.map((column) => ({ name: column.name, type: types.get(column.name) ?? null }));
}

const declared = (into: CopyInto) => into.columns.map((column) => ({ name: column.name, type: POSTGRES_NAME[column.type] }));

/** Every item table declaration libs/db exports: a new source's is checked as soon as it is exported. */
const SOURCES: [string, ItemTable<never>][] = Object.entries(libraryExports as Record<string, unknown>).flatMap(([name, value]) => {
  const table = value as Partial<ItemTable<never>> | null;
  const isItemTable = typeof table === 'object' && table !== null && typeof table.keysTable === 'string' && Array.isArray(table.columns);
  return isItemTable ? [[name, table as ItemTable<never>] as [string, ItemTable<never>]] : [];
});

it('finds the declarations of every source', () => {
  expect(SOURCES.map(([name]) => name)).toEqual(expect.arrayContaining(['REDDIT_SUBMISSIONS', 'REDDIT_COMMENTS', 'HN_ITEMS']));
});

describe.each(SOURCES)('%s against its migrated tables (binary COPY sends each value as its declared type)', (_name, spec) => {
  const sql = ingestSql(spec);

  it(`declares every column of ${spec.table} it copies with the table's own type`, async () => {
    expect(await tableTypes(spec.table, sql.newRows.copyItems)).toEqual(declared(sql.newRows.copyItems));
  });

  it(`declares the key columns of ${spec.keysTable} with the table's own types`, async () => {
    expect(await tableTypes(spec.keysTable, sql.newRows.copyKeys)).toEqual(declared(sql.newRows.copyKeys));
  });
});
