import { join } from 'node:path';
import { createMigratedDatabase } from './migrated-database';
import { startTestServer, type TestServer } from './test-server';
import {
  dropDatabase,
  sealTemplate,
  TEST_ADMIN_URL_VAR,
  TEST_TEMPLATE_DB_VAR,
  uniqueDatabaseName,
} from './test-databases';

const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** Shared between setup and teardown, which Jest loads as separate modules. */
const state = globalThis as typeof globalThis & { sentimentIngestTestServer?: TestServer; sentimentIngestTemplate?: string };

/**
 * Jest global setup of integration tests: find a real TimescaleDB, migrate a template database once,
 * and hand both to the test files through the environment (graphile-worker's pattern: each test file
 * clones the template, so files run in parallel).
 */
export async function setup(): Promise<void> {
  const server = await startTestServer({ workspaceRoot: WORKSPACE_ROOT, env: process.env });
  const template = uniqueDatabaseName('si_template');
  state.sentimentIngestTestServer = server;
  state.sentimentIngestTemplate = template;
  await createMigratedDatabase(server.adminUrl, template, 'sentiment-ingest-test-setup');
  await sealTemplate(server.adminUrl, template);
  process.env[TEST_ADMIN_URL_VAR] = server.adminUrl;
  process.env[TEST_TEMPLATE_DB_VAR] = template;
  process.stderr.write(`\n[integration] TimescaleDB from ${server.origin}; template database ${template}\n`);
}

/** Jest global teardown: drop the template, stop a container if one was started. */
export async function teardown(): Promise<void> {
  const server = state.sentimentIngestTestServer;
  const template = state.sentimentIngestTemplate;
  if (server && template) await dropDatabase(server.adminUrl, template).catch(() => undefined);
  await server?.stop();
}
