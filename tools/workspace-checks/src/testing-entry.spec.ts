import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** Files a module re-exports (`export ... from './x'`), resolved to .ts paths. */
function reexports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => join(dirname(file), `${m[1]}.ts`));
}

describe.each([
  ['@sentiment-ingest/db/testing', 'libs/db/src/testing/index.ts'],
  ['@sentiment-ingest/scraper-kit/testing', 'libs/scraper-kit/src/testing/index.ts'],
])('%s', (_entry, path) => {
  // The benchmarks (tools/bench, the scraper's simulated day: node outside Jest) load these entry
  // points for their factories, database helpers and virtual clock; @jest/globals throws when
  // imported outside a Jest run.
  it('loads outside Jest: nothing it exports imports @jest/globals', () => {
    const entry = join(ROOT, path);
    const offenders = reexports(entry).filter((file) => readFileSync(file, 'utf8').includes('@jest/globals'));
    expect(reexports(entry).length).toBeGreaterThan(0);
    expect(offenders.map((file) => file.slice(ROOT.length + 1))).toEqual([]);
  });
});
