import nx from '@nx/eslint-plugin';

/**
 * I/O packages that pure model code must not import (it is the functional core). Node's built-in
 * modules are banned by libs/models/eslint.config.mjs (Nx's rule only sees npm packages).
 */
const IO_PACKAGES = ['pg', 'pg-*', 'knex', '@mikro-orm/*', 'pino', 'pino-*', 'dotenv', 'dotenv-*', 'testcontainers'];

/**
 * apps -> libs/scraper-kit -> libs/db -> libs/models, one way (docs/design-notes.md, "Workspace
 * boundaries"); tools may use everything but apps.
 */
export const DEP_CONSTRAINTS = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kit', 'type:data-access', 'type:model', 'type:util'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:kit', 'type:data-access', 'type:model', 'type:util', 'type:tool'] },
  // what every long-running scraper shares (scheduler, health server, metrics, process): apps use it, libraries do not
  { sourceTag: 'type:kit', onlyDependOnLibsWithTags: ['type:data-access', 'type:model', 'type:util'] },
  { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:model', 'type:util'] },
  // process plumbing (logging, shutdown): no domain, no database
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:model', onlyDependOnLibsWithTags: ['type:model'], bannedExternalImports: IO_PACKAGES },
  // A scraper depends on shared libraries only, never on another app's code.
  { sourceTag: 'scope:reddit', onlyDependOnLibsWithTags: ['scope:reddit', 'scope:shared'] },
  { sourceTag: 'scope:migrator', onlyDependOnLibsWithTags: ['scope:migrator', 'scope:shared'] },
  { sourceTag: 'scope:hn', onlyDependOnLibsWithTags: ['scope:hn', 'scope:shared'] },
  { sourceTag: 'scope:archive', onlyDependOnLibsWithTags: ['scope:archive', 'scope:shared'] },
];

/** Tests of an app may also use test tools (the fake Reddit); its production code may not. */
const TEST_DEP_CONSTRAINTS = DEP_CONSTRAINTS.map((c) =>
  c.sourceTag === 'type:app' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:tool'] } : c,
);

/** The options of `@nx/enforce-module-boundaries`; a project's own config may relax `enforceBuildableLibDependency`. */
export const boundaries = (depConstraints, { enforceBuildableLibDependency = true } = {}) => [
  'error',
  { enforceBuildableLibDependency, allow: [], depConstraints },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.local', '**/tmp', '**/coverage'] },
  {
    files: ['**/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS) },
  },
  {
    files: ['**/src/**/*.spec.ts', '**/src/**/*.int-spec.ts', '**/src/testing/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(TEST_DEP_CONSTRAINTS) },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },

  {
    // Tests index into fixtures they just built; a failed assertion reports a missing element anyway.
    files: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];
