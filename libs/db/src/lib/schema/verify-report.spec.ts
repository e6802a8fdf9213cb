import { EXPECTED_HYPERTABLES } from '../timescale/timescale-info';
import { verifySchema } from './verify-report';

const timescale = {
  availableVersion: '2.19.3',
  installedVersion: '2.19.3',
  preloaded: true,
  preloadCheckedBy: 'shared_preload_libraries' as const,
  license: 'apache',
};
// What a migrated database has: every hypertable the migrations create, whichever sources exist.
const hypertables = [...EXPECTED_HYPERTABLES];
const applied = [{ name: 'M1', state: 'applied' as const, appliedAt: new Date(0) }];

describe('verifySchema', () => {
  it('passes a migrated database and reports the edition and chunk intervals', () => {
    const report = verifySchema({ timescale, hypertables, expectedHypertables: EXPECTED_HYPERTABLES, migrations: applied });
    expect(report.ok).toBe(true);
    expect(report.findings.join('\n')).toMatch(/timescaledb 2\.19\.3 installed, license apache \(OSS edition/);
    expect(report.findings).toContain('hypertable raw_submissions on created_utc, chunk interval 1 day');
  });

  it('says how the hourly rollup is kept on each edition', () => {
    const oss = verifySchema({ timescale, hypertables, expectedHypertables: EXPECTED_HYPERTABLES, migrations: applied, rollup: 'table' });
    expect(oss.findings.join('\n')).toContain('table refreshed by `migrator maintain`');
    const community = verifySchema({ timescale, hypertables, expectedHypertables: EXPECTED_HYPERTABLES, migrations: applied, rollup: 'continuous aggregate' });
    expect(community.findings.join('\n')).toContain('continuous aggregate, refreshed by its policy');
  });

  it('fails when a hypertable has another chunk interval', () => {
    const report = verifySchema({
      timescale,
      hypertables: hypertables.map((h) => (h.table === 'submission_metrics' ? { ...h, chunkInterval: '7 days' } : h)),
      expectedHypertables: EXPECTED_HYPERTABLES,
      migrations: applied,
    });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'submission_metrics is partitioned on observed_at every 7 days, expected observed_at every 1 day',
    ]);
  });

  it('fails with the fix when migrations are pending or changed', () => {
    const report = verifySchema({
      timescale,
      hypertables,
      expectedHypertables: EXPECTED_HYPERTABLES,
      migrations: [
        { name: 'M1', state: 'changed', appliedAt: new Date(0) },
        { name: 'M2', state: 'pending', appliedAt: null },
      ],
    });
    expect(report.problems).toEqual([
      '1 pending migration(s): M2; run `npx nx run migrator:serve`',
      'applied migration(s) changed since they ran: M1; restore their original SQL and add a new migration instead',
    ]);
  });

  it('fails on a database without the extension', () => {
    const report = verifySchema({
      timescale: { ...timescale, installedVersion: null },
      hypertables: [],
      expectedHypertables: EXPECTED_HYPERTABLES,
      migrations: [],
    });
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatch(/extension timescaledb is not installed/);
  });
});
