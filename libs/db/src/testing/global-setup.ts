import { join } from 'node:path';
import { COMMUNITY_UNAVAILABLE_VAR, communityUnavailableNotice, EDITION_ENV } from './editions';
import { createMigratedDatabase } from './migrated-database';
import { startCommunityTestServer, startTestServer, type TestServer } from './test-server';
import { assertEdition, dropDatabase, sealTemplate, uniqueDatabaseName } from './test-databases';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** One edition's server and its migrated template. */
interface EditionSetup {
  readonly server: TestServer;
  readonly template: string;
}

/** Shared between setup and teardown, which Jest loads as separate modules. */
const state = globalThis as typeof globalThis & { sentimentIngestTestEditions?: EditionSetup[] };

/**
 * Jest global setup of integration tests: find a real TimescaleDB (OSS edition), migrate a template
 * database once, and hand both to the test files through the environment (graphile-worker's pattern:
 * each test file clones the template, so files run in parallel). With `communityEdition`, the same
 * for a community-edition server, when one can be had; when none can, it says why once (`npm test`
 * says it for all projects) and the community tests are not registered (see testEditions()).
 */
export async function setup(options: { communityEdition: boolean }): Promise<void> {
  const editions: EditionSetup[] = [];
  state.sentimentIngestTestEditions = editions;
  editions.push(await prepare(await startTestServer({ workspaceRoot: WORKSPACE_ROOT, env: process.env })));
  // npm test found no community server and says so itself, once
  if (!options.communityEdition || process.env[COMMUNITY_UNAVAILABLE_VAR]) return;
  try {
    const community = await startCommunityTestServer({ workspaceRoot: WORKSPACE_ROOT, env: process.env });
    if ('unavailable' in community) {
      process.stderr.write(`\n${communityUnavailableNotice(community.unavailable)}\n`);
      return;
    }
    editions.push(await prepare(community));
  } catch (error) {
    // Jest runs no teardown after a failed setup: drop the OSS template here
    await teardown();
    throw error;
  }
}

async function prepare(server: TestServer): Promise<EditionSetup> {
  const template = uniqueDatabaseName('si_template');
  const setup = { server, template };
  await createMigratedDatabase(server.adminUrl, template, 'sentiment-ingest-test-setup');
  try {
    // the template has the extension, so this reads the license its sessions really run with
    await assertEdition(new URL(`/${template}`, server.adminUrl).toString(), server.edition);
    await sealTemplate(server.adminUrl, template);
  } catch (error) {
    await dropDatabase(server.adminUrl, template).catch(() => undefined);
    await server.stop();
    throw error;
  }
  const names = EDITION_ENV[server.edition];
  process.env[names.adminUrl] = server.adminUrl;
  process.env[names.template] = template;
  process.stderr.write(`\n[integration] TimescaleDB ${server.edition} edition from ${server.origin}; template database ${template}\n`);
  return setup;
}

/** Jest global teardown: drop the templates, stop containers that were started. */
export async function teardown(): Promise<void> {
  for (const { server, template } of state.sentimentIngestTestEditions ?? []) {
    await dropDatabase(server.adminUrl, template).catch(() => undefined);
    await server.stop();
  }
}
