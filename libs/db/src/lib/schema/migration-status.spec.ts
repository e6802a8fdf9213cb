import { describeMigrations, formatMigrationStates } from './migration-status';

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
