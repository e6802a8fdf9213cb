/** Reads the workspace's deployment files and runs docker-compose (the only I/O of deploy-checks). */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { EnvVariableDoc } from '@sentiment-ingest/runtime';
import { buildSync } from 'esbuild';
import { load } from 'js-yaml';

/** The workspace root (this file lives in tools/deploy-checks/src). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../..');

/** Reads a file relative to the workspace root as UTF-8 text. */
export function readWorkspaceFile(relativePath: string): string {
  return readFileSync(join(WORKSPACE_ROOT, relativePath), 'utf8');
}

/** Reads and parses a YAML file relative to the workspace root. */
export function readYaml(relativePath: string): unknown {
  return load(readWorkspaceFile(relativePath));
}

/** The outcome of `docker-compose config`, or `missing` when no binary is on PATH. */
export type ComposeConfigResult =
  | { missing: true }
  | { missing: false; status: number | null; stdout: string; stderr: string };

/**
 * Runs `docker-compose config` in a temporary directory holding copies of docker-compose.yml and of
 * .env.example as .env, as a user does after `cp .env.example .env`; `envText` replaces that .env.
 * With `quiet` (the default) compose only validates; without, stdout is the resolved file.
 */
export function runComposeConfig(options: { envText?: string; quiet?: boolean; profiles?: readonly string[] } = {}): ComposeConfigResult {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-checks-'));
  try {
    copyFileSync(join(WORKSPACE_ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
    if (options.envText === undefined) copyFileSync(join(WORKSPACE_ROOT, '.env.example'), join(dir, '.env'));
    else writeFileSync(join(dir, '.env'), options.envText);
    // A clean environment: variables of the calling shell must not hide a gap in .env.example.
    const env = { PATH: process.env['PATH'] ?? '', HOME: dir };
    const profiles = (options.profiles ?? []).flatMap((profile) => ['--profile', profile]);
    const args = [...profiles, ...(options.quiet === false ? ['config'] : ['config', '-q'])];
    const run = spawnSync('docker-compose', args, { cwd: dir, env, encoding: 'utf8' });
    if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return { missing: true };
    if (run.error) throw run.error;
    return { missing: false, status: run.status, stdout: run.stdout, stderr: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The variables an app's config schema reads (a zod shape exported by `configFile`: the export
 * `exportName`, or with `'*EnvShape'` the one export whose name ends in `EnvShape`, the convention of
 * the apps and of generated scrapers), with their defaults, as libs/runtime's describeEnvShape lists
 * them for `--help`.
 *
 * A tool may not import an app (the root eslint config's depConstraints), and the shapes spread
 * libs/db's and libs/scraper-kit's variables, so the source text alone does not list them. esbuild
 * bundles the config module (npm packages external, as the apps' build does) and a child node runs
 * it: the keys come from the schema that the app parses, with no import of app code in this project.
 */
export function readAppEnvVariables(configFile: string, exportName: string): EnvVariableDoc[] {
  const pick =
    exportName === '*EnvShape'
      ? [
          `const shapes = Object.keys(config).filter((name) => name.endsWith('EnvShape'));`,
          `if (shapes.length !== 1) throw new Error('${configFile} must export one *EnvShape, found: ' + (shapes.join(', ') || 'none'));`,
          'const shape = config[shapes[0]];',
        ]
      : [`const shape = config[${JSON.stringify(exportName)}];`];
  const entry = [
    `import * as config from './${configFile}';`,
    "import { describeEnvShape } from '@sentiment-ingest/runtime';",
    ...pick,
    'process.stdout.write(JSON.stringify(describeEnvShape(shape)));',
  ].join('\n');
  const bundle = buildSync({
    stdin: { contents: entry, resolveDir: WORKSPACE_ROOT, loader: 'ts' },
    tsconfig: join(WORKSPACE_ROOT, 'tsconfig.base.json'),
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'silent',
  });
  // `node -` in the workspace root resolves the external packages from its node_modules.
  const run = spawnSync(process.execPath, ['-'], { cwd: WORKSPACE_ROOT, input: bundle.outputFiles[0]?.text ?? '', encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`reading ${exportName} of ${configFile} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as EnvVariableDoc[];
}
