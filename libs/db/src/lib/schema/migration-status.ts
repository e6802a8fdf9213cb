/** One migration as `status` shows it. */
export interface MigrationState {
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'changed' | 'unknown';
  readonly appliedAt: Date | null;
}

/** Applied rows as MikroORM's migrations table holds them. */
export interface AppliedMigration {
  readonly name: string;
  readonly executedAt: Date | null;
}

/**
 * Combines the migrations this code knows, the ones the database has applied, and the checksum
 * comparison into one ordered list: known migrations in run order, then applied migrations this
 * code does not know (a newer build applied them, or a file was removed).
 */
export function describeMigrations(input: {
  known: readonly string[];
  applied: readonly AppliedMigration[];
  changed: ReadonlySet<string>;
}): MigrationState[] {
  const appliedByName = new Map(input.applied.map((row) => [normalizeName(row.name), row]));
  const states: MigrationState[] = input.known.map((name) => {
    const applied = appliedByName.get(name);
    if (!applied) return { name, state: 'pending', appliedAt: null };
    return { name, state: input.changed.has(name) ? 'changed' : 'applied', appliedAt: applied.executedAt };
  });
  const known = new Set(input.known);
  for (const [name, row] of appliedByName) {
    if (!known.has(name)) states.push({ name, state: 'unknown', appliedAt: row.executedAt });
  }
  return states;
}

/** MikroORM stores names with or without a file extension depending on version and mode. */
export function normalizeName(name: string): string {
  return name.replace(/\.(ts|js)$/, '');
}

/** One line per migration, aligned, for `migrator:status`. */
export function formatMigrationStates(states: readonly MigrationState[]): string {
  if (states.length === 0) return 'no migrations';
  const width = Math.max(...states.map((s) => s.state.length));
  return states
    .map((s) => `${s.state.padEnd(width)}  ${s.name}${s.appliedAt ? `  (applied ${s.appliedAt.toISOString()})` : ''}`)
    .join('\n');
}

/**
 * Why a program that needs the current schema must not start, naming each migration this build has
 * that the database lacks (`pending`) or applied with other SQL (`changed`); null when there is none.
 * Migrations the database has and this build does not (`unknown`: a newer build migrated) do not stop
 * it: migrations only add what older code can ignore.
 */
export function schemaNotCurrentReason(states: readonly MigrationState[]): string | null {
  const pending = states.filter((s) => s.state === 'pending').map((s) => s.name);
  const changed = states.filter((s) => s.state === 'changed').map((s) => s.name);
  if (pending.length === 0 && changed.length === 0) return null;
  const parts: string[] = [];
  if (pending.length > 0) parts.push(`${pending.length} migration(s) not applied yet: ${pending.join(', ')}`);
  if (changed.length > 0) parts.push(`${changed.length} applied migration(s) whose SQL changed since: ${changed.join(', ')}`);
  return (
    `The database schema is not up to date for this build (${parts.join('; ')}). ` +
    'Run the migrator first: npx nx run migrator:serve (compose runs it before the scraper)' +
    (changed.length > 0 ? '; it refuses a changed migration and says how to restore it.' : '.')
  );
}
