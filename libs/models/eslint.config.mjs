import baseConfig from '../../eslint.config.mjs';

const IO_MODULES = ['fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'child_process', 'dgram', 'dns', 'tls', 'worker_threads', 'cluster'];

export default [
  ...baseConfig,
  {
    // Models are the functional core (docs/design-notes.md, "Code conventions"): no I/O. Nx's
    // bannedExternalImports covers npm packages; Node's built-in I/O modules need ESLint's own rule.
    files: ['**/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: IO_MODULES.flatMap((name) => [name, `node:${name}`]),
              message: 'libs/models is pure: do I/O in an app or in libs/db, and pass the data in.',
            },
          ],
        },
      ],
    },
  },
];
