import { registerWorkspacePaths } from './workspace-paths';

/** Jest's global teardown (see jest-global-setup.ts). */
export default async function globalTeardown(): Promise<void> {
  registerWorkspacePaths();
  const { teardown } = await import('./global-setup');
  await teardown();
}
