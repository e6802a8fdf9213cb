import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WORKSPACE_ROOT, readWorkspaceFile } from './deploy-files';

/**
 * Nx 24 removes the `@nx/jest:jest` and `@nx/eslint:lint` executors (deprecated in Nx 23, each run
 * printed a warning). Lint is inferred by `@nx/eslint/plugin` from each project's eslint.config.mjs;
 * the two Jest runs are `nx:run-commands` calling the Jest CLI, because `@nx/jest/plugin` only
 * infers from files named `jest.config.*` and so cannot give the `integration` target.
 */

const REMOVED_EXECUTORS = /@nx\/(jest:jest|eslint:lint)\b/;
const SCRAPER_TEMPLATE = 'tools/workspace-plugin/src/generators/scraper/files/app/project.json__tmpl__';

interface Target {
  executor?: string;
  options?: { command?: string };
}

/** `apps/x`, `libs/x`, `tools/x`: every directory holding a project.json. */
const projectRoots = ['apps', 'libs', 'tools'].flatMap((dir) =>
  readdirSync(join(WORKSPACE_ROOT, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(WORKSPACE_ROOT, dir, entry.name, 'project.json')))
    .map((entry) => `${dir}/${entry.name}`),
);

const targetsOf = (root: string) =>
  (JSON.parse(readWorkspaceFile(`${root}/project.json`)) as { targets?: Record<string, Target> }).targets ?? {};

describe('Nx targets (ready for Nx 24)', () => {
  it('finds the projects', () => {
    expect(projectRoots).toEqual(expect.arrayContaining(['apps/migrator', 'libs/db', 'tools/workspace-checks']));
  });

  it.each([...projectRoots.map((root) => `${root}/project.json`), 'nx.json', SCRAPER_TEMPLATE])('%s uses no executor that Nx 24 removes', (file) => {
    expect(readWorkspaceFile(file)).not.toMatch(REMOVED_EXECUTORS);
  });

  it('infers lint with @nx/eslint/plugin from the eslint.config.mjs every project has', () => {
    const nxJson = JSON.parse(readWorkspaceFile('nx.json')) as { plugins?: ({ plugin: string; options?: { targetName?: string } } | string)[] };
    expect(nxJson.plugins).toContainEqual({ plugin: '@nx/eslint/plugin', options: { targetName: 'lint' } });
    expect(projectRoots.filter((root) => !existsSync(join(WORKSPACE_ROOT, root, 'eslint.config.mjs')))).toEqual([]);
  });

  it.each(projectRoots)('%s: test runs its jest.config.js, integration its jest.integration.config.js (when it has one)', (root) => {
    const targets = targetsOf(root);
    expect(targets['test']).toMatchObject({ executor: 'nx:run-commands', options: { command: `jest -c ${root}/jest.config.js` } });
    expect(existsSync(join(WORKSPACE_ROOT, root, 'jest.config.js'))).toBe(true);
    const integrationConfig = `${root}/jest.integration.config.js`;
    if (existsSync(join(WORKSPACE_ROOT, integrationConfig))) {
      expect(targets['integration']).toMatchObject({ executor: 'nx:run-commands', options: { command: `jest -c ${integrationConfig}` } });
    } else {
      expect(targets['integration']).toBeUndefined();
    }
  });
});
