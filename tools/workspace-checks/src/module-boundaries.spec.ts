import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const ESLINT_BIN = join(ROOT, 'node_modules/eslint/bin/eslint.js');

interface LintMessage {
  ruleId: string | null;
  severity: number;
  message: string;
}

/**
 * Lints `code` as if it were a new file at `filePath`, with that project's ESLint config, through
 * the ESLint CLI that `nx lint` runs (Jest's VM cannot load the ESM flat config in-process).
 */
function lintAs(filePath: string, code: string, configFile: string): string[] {
  const run = spawnSync(
    process.execPath,
    [ESLINT_BIN, '--config', configFile, '--format', 'json', '--stdin', '--stdin-filename', filePath],
    { cwd: ROOT, input: code, encoding: 'utf8', timeout: 60_000 },
  );
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: LintMessage[] }[];
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('module boundaries (a violating import fails nx lint)', () => {
  it('forbids libs/models from importing libs/db', async () => {
    const errors = lintAs(
      'libs/models/src/lib/probe.ts',
      "import { SubmissionWriter } from '@sentiment-ingest/db';\nexport const probe = SubmissionWriter;\n",
      'libs/models/eslint.config.mjs',
    );
    expect(errors.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('forbids libs/models from importing I/O packages and Node I/O modules', async () => {
    const errors = lintAs(
      'libs/models/src/lib/probe.ts',
      "import { Client } from 'pg';\nimport { readFileSync } from 'node:fs';\nexport const probe = [Client, readFileSync];\n",
      'libs/models/eslint.config.mjs',
    );
    expect(errors.some((e) => e.startsWith('@nx/enforce-module-boundaries') && e.includes('"pg"'))).toBe(true);
    expect(errors.some((e) => e.startsWith('no-restricted-imports') && e.includes('node:fs'))).toBe(true);
  });

  it('forbids libs/db from importing an app', async () => {
    const errors = lintAs(
      'libs/db/src/lib/probe.ts',
      "import { runCommand } from '../../../../apps/migrator/src/commands/run-command';\nexport const probe = runCommand;\n",
      'libs/db/eslint.config.mjs',
    );
    expect(errors.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('lets an app import libs/db and libs/models', async () => {
    const errors = lintAs(
      'apps/migrator/src/probe.ts',
      "import { SubmissionWriter } from '@sentiment-ingest/db';\nimport { stripNul } from '@sentiment-ingest/models';\nexport const probe = [SubmissionWriter, stripNul];\n",
      'apps/migrator/eslint.config.mjs',
    );
    expect(errors).toEqual([]);
  });

  it("forbids an app's production code from importing a test tool, and allows its tests to", () => {
    const code = "import { FakeReddit } from '@sentiment-ingest/fake-reddit';\nexport const probe = FakeReddit;\n";
    const production = lintAs('apps/reddit-scraper/src/probe.ts', code, 'apps/reddit-scraper/eslint.config.mjs');
    expect(production.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
    expect(lintAs('apps/reddit-scraper/src/probe.int-spec.ts', code, 'apps/reddit-scraper/eslint.config.mjs')).toEqual([]);
  });
});
