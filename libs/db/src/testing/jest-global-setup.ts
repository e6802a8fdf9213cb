import { registerWorkspacePaths } from './workspace-paths';

/** The part of Jest's project config the global setup reads (jest.preset.js, integrationConfig). */
interface ProjectConfig {
  readonly globals?: { readonly sentimentIngestCommunityEdition?: unknown };
}

/** Jest's global setup: workspace import paths first (libs/db imports libs/runtime), then ./global-setup. */
export default async function globalSetup(_globalConfig: unknown, projectConfig?: ProjectConfig): Promise<void> {
  registerWorkspacePaths();
  const { setup } = await import('./global-setup');
  await setup({ communityEdition: projectConfig?.globals?.sentimentIngestCommunityEdition === true });
}
