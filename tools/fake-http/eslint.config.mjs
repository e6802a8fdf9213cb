import baseConfig, { boundaries, DEP_CONSTRAINTS } from '../../eslint.config.mjs';

const SOCKET_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram'];

export default [
  ...baseConfig,
  {
    // Functional core, imperative shell: loopback-server.ts is the only file that touches sockets.
    files: ['**/src/**/*.ts'],
    ignores: ['**/src/loopback-server.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SOCKET_MODULES.flatMap((name) => [name, `node:${name}`]),
              message: 'Only loopback-server.ts does network I/O.',
            },
          ],
        },
      ],
    },
  },
  {
    // Bundled by the fakes' esbuild builds: it needs no build of its own.
    files: ['**/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS, { enforceBuildableLibDependency: false }) },
  },
];
