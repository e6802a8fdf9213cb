import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { load } from 'js-yaml';
import { SKIPPED_DIRS, WORKSPACE_ROOT } from '../testing/workspace-files';

/**
 * The generator must not rot: run it with the real Nx CLI on a copy of this workspace, then run the
 * generated project's lint, typecheck and unit tests there. About a minute on two cores.
 */

const SOURCE = 'sample';
const APP = `${SOURCE}-scraper`;
const GENERATOR = '@sentiment-ingest/workspace-plugin:scraper';

interface Run {
  readonly status: number | null;
  readonly output: string;
}

/** Nx as a user runs it, in `cwd`, with none of the calling Nx task's variables. */
function nx(cwd: string, args: readonly string[]): Run {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('NX_') && !(key in env)) env[key] = value;
  const run = spawnSync(process.execPath, [join(cwd, 'node_modules/.bin/nx'), ...args], { cwd, env, encoding: 'utf8', timeout: 150_000 });
  return { status: run.status, output: `${run.stdout}${run.stderr}${run.error ? String(run.error) : ''}` };
}

/** The run's status, with the end of its output when it failed (so the failure explains itself). */
const outcome = (run: Run) => ({ status: run.status, output: run.status === 0 ? '' : run.output.slice(-6000) });

/** A copy of the workspace without what is installed, built or local (node_modules is linked, not copied). */
function copyWorkspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scraper-generator-'));
  cpSync(WORKSPACE_ROOT, dir, {
    recursive: true,
    filter: (path) => path === WORKSPACE_ROOT || !(SKIPPED_DIRS.has(basename(path)) || basename(path) === '.env'),
  });
  symlinkSync(join(WORKSPACE_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

describe(`nx g ${GENERATOR} on a copy of the workspace`, () => {
  let dir: string;
  let nxJsonBefore: Buffer;
  let dryRun: Run;
  let dryRunWrote: boolean;
  let generated: Run;

  beforeAll(() => {
    dir = copyWorkspace();
    nxJsonBefore = readFileSync(join(dir, 'nx.json'));
    dryRun = nx(dir, ['g', GENERATOR, SOURCE, '--dry-run', '--no-interactive']);
    dryRunWrote = existsSync(join(dir, `apps/${APP}`));
    generated = nx(dir, ['g', GENERATOR, SOURCE, '--no-interactive']);
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--dry-run lists what it would create and writes nothing', () => {
    expect(outcome(dryRun)).toEqual({ status: 0, output: '' });
    expect(dryRunWrote).toBe(false);
    expect(dryRun.output).toContain(`CREATE apps/${APP}/project.json`);
    expect(dryRun.output).toContain('UPDATE docker-compose.yml');
    expect(dryRun.output).toMatch(/CREATE libs\/db\/src\/lib\/migrations\/Migration\d{14}_sample_items\.ts/);
  });

  it('generates the project and leaves nx.json byte-identical', () => {
    expect(outcome(generated)).toEqual({ status: 0, output: '' });
    expect(readFileSync(join(dir, 'nx.json')).equals(nxJsonBefore)).toBe(true);
    const project = JSON.parse(readFileSync(join(dir, `apps/${APP}/project.json`), 'utf8')) as { tags: string[]; targets: Record<string, { dependsOn?: string[] }> };
    expect(project.tags).toEqual(['type:app', `scope:${SOURCE}`]);
    // lint is not in project.json: @nx/eslint/plugin (nx.json) infers it from the app's eslint.config.mjs
    expect(Object.keys(project.targets)).toEqual(['build', 'serve', 'typecheck', 'test', 'integration']);
    expect(project.targets['serve']?.dependsOn).toEqual(['build']);
  });

  it('adds a compose service that starts after the migrator completed', () => {
    const compose = load(readFileSync(join(dir, 'docker-compose.yml'), 'utf8')) as { services: Record<string, { depends_on?: unknown; build?: unknown }> };
    expect(compose.services[APP]).toMatchObject({
      build: { args: { APP } },
      depends_on: { migrator: { condition: 'service_completed_successfully' } },
    });
  });

  it('refuses the same source again with a clear error', () => {
    const again = nx(dir, ['g', GENERATOR, SOURCE, '--no-interactive']);
    expect(again.status).not.toBe(0);
    expect(again.output).toContain(`"${SOURCE}" is taken: a project named ${APP} already exists`);
  });

  it(
    'generates a project whose lint, typecheck and unit tests pass',
    () => {
      expect(existsSync(join(dir, `apps/${APP}`))).toBe(true);
      const checks = nx(dir, ['run-many', '-t', 'lint', 'typecheck', 'test', `--projects=${APP}`, '--parallel=2', '--output-style=stream']);
      expect(outcome(checks)).toEqual({ status: 0, output: '' });
      // run-many skips a target a project lacks: the inferred lint target must exist and have run
      expect(checks.output).toContain(`nx run ${APP}:lint`);
      // no executor that Nx 24 removes (@nx/jest:jest and @nx/eslint:lint warn that they are deprecated)
      expect(checks.output).not.toMatch(/deprecated/i);
      expect(checks.output).toMatch(/Tests: +\d+ passed, \d+ total/);
    },
    150_000,
  );

  it(
    'leaves the libraries it extends linting and type-checking, with the migration list and verify in step',
    () => {
      const libraries = nx(dir, ['run-many', '-t', 'lint', 'typecheck', '--projects=db,models', '--parallel=2', '--output-style=stream']);
      expect(outcome(libraries)).toEqual({ status: 0, output: '' });
      const specs = nx(dir, ['run', 'db:test', '--output-style=stream', '--', '--testPathPatterns=migrations-list|verify-report']);
      expect(outcome(specs)).toEqual({ status: 0, output: '' });
      expect(specs.output).toMatch(/Test Suites: +2 passed/);
    },
    150_000,
  );

  it(
    'passes the compose, compose-settings, .env.example and duplicate-code checks with the new service, variables and app',
    () => {
      const patterns = '--testPathPatterns=docker-compose|compose-settings|env-example|duplicate-code';
      // --verbose is also an option of Nx's run-commands, which keeps it: --args hands it to Jest
      const checks = nx(dir, ['run', 'workspace-checks:test', '--output-style=stream', '--', patterns, '--args=--verbose']);
      expect(outcome(checks)).toEqual({ status: 0, output: '' });
      expect(checks.output).toContain(`start ${APP} only after the migrator completed`);
      expect(checks.output).toMatch(/✓ finds no run of logic that two apps both carry/);
    },
    150_000,
  );
});
