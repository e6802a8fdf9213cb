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

  describe('libs/scraper-kit (tag type:kit)', () => {
    const KIT_IMPORT = "import { systemClock } from '@sentiment-ingest/scraper-kit';\nexport const probe = systemClock;\n";

    it.each([
      ['libs/db', 'libs/db/src/lib/probe.ts'],
      ['libs/models', 'libs/models/src/lib/probe.ts'],
      ['libs/runtime', 'libs/runtime/src/lib/probe.ts'],
    ])('forbids %s from importing the kit', (project, file) => {
      const errors = lintAs(file, KIT_IMPORT, `${project}/eslint.config.mjs`).join('\n');
      // The tag constraint refuses it; where the kit already imports that library, Nx reports the
      // cycle the import would close first. Either fails nx lint.
      expect(errors).toMatch(
        /@nx\/enforce-module-boundaries: (A project tagged with "type:(data-access|model|util)" can only depend on libs tagged with|Circular dependency between "\w+" and "scraper-kit")/,
      );
    });

    it('lets an app import the kit', () => {
      expect(lintAs('apps/reddit-scraper/src/probe.ts', KIT_IMPORT, 'apps/reddit-scraper/eslint.config.mjs')).toEqual([]);
    });

    it('lets the kit import libs/db, libs/models and libs/runtime', () => {
      const code =
        "import { SubmissionWriter } from '@sentiment-ingest/db';\nimport { stripNul } from '@sentiment-ingest/models';\n" +
        "import { createLogger } from '@sentiment-ingest/runtime';\nexport const probe = [SubmissionWriter, stripNul, createLogger];\n";
      expect(lintAs('libs/scraper-kit/src/lib/probe.ts', code, 'libs/scraper-kit/eslint.config.mjs')).toEqual([]);
    });

    it('forbids the kit from importing an app or a test tool', () => {
      const app = "import { RedditClient } from '../../../../apps/reddit-scraper/src/reddit';\nexport const probe = RedditClient;\n";
      const tool = "import { FakeReddit } from '@sentiment-ingest/fake-reddit';\nexport const probe = FakeReddit;\n";
      for (const code of [app, tool]) {
        expect(lintAs('libs/scraper-kit/src/lib/probe.ts', code, 'libs/scraper-kit/eslint.config.mjs').join('\n')).toMatch(
          /@nx\/enforce-module-boundaries/,
        );
      }
    });
  });
});
