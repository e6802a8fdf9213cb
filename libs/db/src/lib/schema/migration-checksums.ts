import type { ClientBase } from 'pg';

/** Table that records the checksum of each applied migration (Flyway's `flyway_schema_history`). */
export const CHECKSUMS_TABLE = 'schema_migration_checksums';

/** Creates the checksum table if needed. Runs under the migration lock. */
export async function ensureChecksumTable(client: ClientBase): Promise<void> {
  await client.query(`create table if not exists "${CHECKSUMS_TABLE}" (
    "name" text primary key,
    "checksum" text not null,
    "recorded_at" timestamptz not null default now()
  )`);
}

/** Reads recorded checksums by migration name; empty when the table does not exist yet. */
export async function readChecksums(client: ClientBase): Promise<Map<string, string>> {
  const { rows: exists } = await client.query<{ present: boolean }>(
    `select to_regclass($1) is not null as present`,
    [CHECKSUMS_TABLE],
  );
  if (!exists[0]?.present) return new Map();
  const { rows } = await client.query<{ name: string; checksum: string }>(
    `select "name", "checksum" from "${CHECKSUMS_TABLE}"`,
  );
  return new Map(rows.map((row) => [row.name, row.checksum]));
}

/** Records (or re-records) the checksum of an applied migration. */
export async function recordChecksum(client: ClientBase, name: string, checksum: string): Promise<void> {
  await client.query(
    `insert into "${CHECKSUMS_TABLE}" ("name", "checksum") values ($1, $2)
     on conflict ("name") do update set "checksum" = excluded."checksum", "recorded_at" = now()`,
    [name, checksum],
  );
}

/** Forgets the checksum of a migration that was reverted. */
export async function deleteChecksum(client: ClientBase, name: string): Promise<void> {
  await client.query(`delete from "${CHECKSUMS_TABLE}" where "name" = $1`, [name]);
}
