import nx from '@nx/eslint-plugin';

/** Node built-ins and I/O packages that pure model code must not import (STYLE.md: functional core). */
const IO_PACKAGES = [
  'pg', 'pg-*', 'knex', '@mikro-orm/*', 'pino', 'pino-*', 'dotenv', 'dotenv-*', 'testcontainers',
  'node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'child_process', 'dgram', 'tls', 'dns', 'worker_threads',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/node_modules', '**/.local', '**/tmp', '**/coverage'] },
  {
    files: ['**/src/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            // apps -> libs/db -> libs/models, one way (DESIGN.md §2).
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:data-access', 'type:model'] },
            { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:data-access', 'type:model'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:data-access', 'type:model'] },
            {
              sourceTag: 'type:model',
              onlyDependOnLibsWithTags: ['type:model'],
              bannedExternalImports: IO_PACKAGES,
            },
            // A scraper depends on shared libraries only, never on another app's code.
            { sourceTag: 'scope:reddit', onlyDependOnLibsWithTags: ['scope:reddit', 'scope:shared'] },
            { sourceTag: 'scope:migrator', onlyDependOnLibsWithTags: ['scope:migrator', 'scope:shared'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];
