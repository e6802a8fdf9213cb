/**
 * The two TimescaleDB editions the integration tests run on. The same build serves both; the server
 * setting `timescaledb.license` chooses (docs/design-notes.md, "TimescaleDB facts").
 */
export type TimescaleEdition = 'oss' | 'community';

/** `timescaledb.license` of each edition. */
export const EDITION_LICENSE: Readonly<Record<TimescaleEdition, 'apache' | 'timescale'>> = Object.freeze({
  oss: 'apache',
  community: 'timescale',
});

/** Environment variables through which the global setup hands each edition's server to test files. */
export const EDITION_ENV: Readonly<Record<TimescaleEdition, { readonly adminUrl: string; readonly template: string }>> = Object.freeze({
  oss: { adminUrl: 'SENTIMENT_INGEST_TEST_ADMIN_URL', template: 'SENTIMENT_INGEST_TEST_TEMPLATE_DB' },
  community: { adminUrl: 'SENTIMENT_INGEST_TEST_COMMUNITY_ADMIN_URL', template: 'SENTIMENT_INGEST_TEST_COMMUNITY_TEMPLATE_DB' },
});

/**
 * Why the community edition's tests do not run in this test run, once it has been said (by
 * `npm test`, or by the first global setup of a run by hand): later global setups stay quiet.
 */
export const COMMUNITY_UNAVAILABLE_VAR = 'SENTIMENT_INGEST_TEST_COMMUNITY_UNAVAILABLE';

/**
 * The editions with a server in this test run: always `oss`, and `community` when the global setup
 * found a server for it. Test files parametrise edition-specific tests over these
 * (`describe.each(testEditions())`); why community is missing was said once by the harness.
 */
export function testEditions(env: NodeJS.ProcessEnv = process.env): TimescaleEdition[] {
  return env[EDITION_ENV.community.adminUrl] ? ['oss', 'community'] : ['oss'];
}

/** The loud notice when the community edition has no server: what is missing and what to do. */
export function communityUnavailableNotice(reason: string): string {
  const rule = '='.repeat(100);
  return [
    rule,
    'COMMUNITY EDITION NOT TESTED: the TimescaleDB community-edition integration tests did not run.',
    `Why: ${reason}`,
    'The OSS-edition tests ran. To test the community edition too, either put the unmodified upstream source',
    'timescaledb-2.19.3.tar.gz (with tsl/) at .local/vendor/ (or set TIMESCALEDB_SOURCE_TARBALL) so that',
    'tools/local-timescaledb builds it, start a Docker engine (testcontainers runs timescale/timescaledb:2.19.3-pg15),',
    'or set TEST_COMMUNITY_DATABASE_URL to an admin URL of a server with timescaledb.license = timescale.',
    rule,
  ].join('\n');
}
