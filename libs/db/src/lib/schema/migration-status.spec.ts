import { describeMigrations, formatMigrationStates, schemaNotCurrentReason } from './migration-status';

describe('describeMigrations', () => {
  const at = new Date('2026-11-29T10:00:00Z');

  it('lists known migrations in run order as applied or pending', () => {
    const states = describeMigrations({
      known: ['M1_a', 'M2_b'],
      applied: [{ name: 'M1_a', executedAt: at }],
      changed: new Set(),
    });
    expect(states).toEqual([
      { name: 'M1_a', state: 'applied', appliedAt: at },
      { name: 'M2_b', state: 'pending', appliedAt: null },
    ]);
  });

  it('flags an applied migration whose SQL changed since it ran', () => {
    const states = describeMigrations({ known: ['M1_a'], applied: [{ name: 'M1_a.ts', executedAt: at }], changed: new Set(['M1_a']) });
    expect(states[0]?.state).toBe('changed');
  });

  it('reports applied migrations this build does not know, after the known ones', () => {
    const states = describeMigrations({
      known: ['M1_a'],
      applied: [
        { name: 'M1_a', executedAt: at },
        { name: 'M9_from_newer_build', executedAt: at },
      ],
      changed: new Set(),
    });
    expect(states.map((s) => `${s.state} ${s.name}`)).toEqual(['applied M1_a', 'unknown M9_from_newer_build']);
  });
});

describe('formatMigrationStates', () => {
  it('prints one aligned line per migration', () => {
    const text = formatMigrationStates([
      { name: 'M1_a', state: 'applied', appliedAt: new Date('2026-11-29T10:00:00Z') },
      { name: 'M2_b', state: 'pending', appliedAt: null },
    ]);
    expect(text).toBe('applied  M1_a  (applied 2026-11-29T10:00:00.000Z)\npending  M2_b');
  });
});

describe('schemaNotCurrentReason', () => {
  const at = new Date('2026-11-29T10:00:00Z');
  const state = (name: string, s: 'applied' | 'pending' | 'changed' | 'unknown') => ({ name, state: s, appliedAt: s === 'pending' ? null : at });

  it('has nothing to say when every migration of this build is applied as it is', () => {
    expect(schemaNotCurrentReason([state('M1_a', 'applied'), state('M2_b', 'applied')])).toBeNull();
  });

  it('lets a build start against a schema a newer build migrated further (unknown migrations)', () => {
    expect(schemaNotCurrentReason([state('M1_a', 'applied'), state('M9_newer', 'unknown')])).toBeNull();
  });

  it('names each pending migration and says to run the migrator', () => {
    expect(schemaNotCurrentReason([state('M1_a', 'applied'), state('M2_b', 'pending'), state('M3_c', 'pending')])).toBe(
      'The database schema is not up to date for this build (2 migration(s) not applied yet: M2_b, M3_c). ' +
        'Run the migrator first: npx nx run migrator:serve (compose runs it before the scraper).',
    );
  });

  it('names each changed migration apart from the pending ones, and says the migrator will explain it', () => {
    expect(schemaNotCurrentReason([state('M1_a', 'changed'), state('M2_b', 'pending')])).toBe(
      'The database schema is not up to date for this build (1 migration(s) not applied yet: M2_b; ' +
        '1 applied migration(s) whose SQL changed since: M1_a). ' +
        'Run the migrator first: npx nx run migrator:serve (compose runs it before the scraper); ' +
        'it refuses a changed migration and says how to restore it.',
    );
  });
});
