import baseConfig, { boundaries, DEP_CONSTRAINTS } from '../../eslint.config.mjs';

const SOCKET_MODULES = ['http', 'https', 'http2', 'net', 'tls', 'dgram'];

export default [
  ...baseConfig,
  {
    // Functional core, imperative shell: fake-hn-server.ts is the only file that touches
    // sockets; everything else computes and is tested without them.
    files: ['**/src/**/*.ts'],
    ignores: ['**/src/fake-hn-server.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SOCKET_MODULES.flatMap((name) => [name, `node:${name}`]),
              message: 'Only fake-hn-server.ts does network I/O: return an ApiResponsePlan and let the server send it.',
            },
          ],
        },
      ],
    },
  },
  {
    // A library (tests import it) whose `build` is an esbuild bundle: it compiles the workspace
    // libraries it imports (libs/runtime's config helpers) into main.js, so none of them needs a
    // build of its own. Tools have the same constraints in tests as in production code.
    files: ['**/src/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS, { enforceBuildableLibDependency: false }) },
  },
];
