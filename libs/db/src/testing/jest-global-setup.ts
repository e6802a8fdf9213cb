import { registerWorkspacePaths } from './workspace-paths';

/** Jest's global setup: workspace import paths first (libs/db imports libs/runtime), then ./global-setup. */
export default async function globalSetup(): Promise<void> {
  registerWorkspacePaths();
  const { setup } = await import('./global-setup');
  await setup();
}
