import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/** Files a module re-exports (`export ... from './x'`), resolved to .ts paths. */
function reexports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/from '(\.[^']+)'/g)].map((m) => join(dirname(file), `${m[1]}.ts`));
}

describe('@sentiment-ingest/db/testing', () => {
  // The benchmarks (tools/bench, node outside Jest) load this entry point for its factories and
  // database helpers; @jest/globals throws when imported outside a Jest run.
  it('loads outside Jest: nothing it exports imports @jest/globals', () => {
    const entry = join(ROOT, 'libs/db/src/testing/index.ts');
    const offenders = reexports(entry).filter((file) => readFileSync(file, 'utf8').includes('@jest/globals'));
    expect(offenders.map((file) => file.slice(ROOT.length + 1))).toEqual([]);
  });
});
