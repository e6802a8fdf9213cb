import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

type Resolve = (request: string, ...rest: unknown[]) => string;

/**
 * Lets Node resolve the workspace's import paths (`@sentiment-ingest/runtime`, ...) from
 * tsconfig.base.json. Jest's global setup and teardown are loaded by Node's own `require`, without
 * the `moduleNameMapper` test files get, and libs/db imports libs/runtime. Idempotent.
 */
export function registerWorkspacePaths(): void {
  const loader = Module as unknown as { _resolveFilename: Resolve & { workspacePaths?: true } };
  if (loader._resolveFilename.workspacePaths) return;
  const config = JSON.parse(readFileSync(join(WORKSPACE_ROOT, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const paths = new Map(Object.entries(config.compilerOptions.paths).map(([alias, [target]]) => [alias, join(WORKSPACE_ROOT, target ?? '')]));
  const original = loader._resolveFilename;
  const resolve = function (this: unknown, request: string, ...rest: unknown[]): string {
    return original.call(this, paths.get(request) ?? request, ...rest);
  };
  loader._resolveFilename = Object.assign(resolve, { workspacePaths: true as const });
}
