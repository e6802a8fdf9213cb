import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { databaseEnvShape, loadEnvironment, parseEnv, toDatabaseConfig } from '@sentiment-ingest/db';
import { readWorkspaceFile } from './deploy-files';
import { findEnvFileRefs, parseEnvFile } from './variables';

const SEED_VARIABLES = [
  'PG_HOST',
  'PG_HOST_LOCAL',
  'PG_PORT_HOST',
  'PG_PORT_CONTAINER',
  'PG_USER',
  'PG_PASSWORD',
  'PG_DB',
  'DATABASE_URL',
  'DATABASE_URL_LOCAL',
];

const text = readWorkspaceFile('.env.example');
const { entries, invalid } = parseEnvFile(text);

/** What the apps make of `envText` as `.env` on the host, with nothing set in the environment. */
function loadAsApps(envText: string) {
  const dir = mkdtempSync(join(tmpdir(), 'env-example-'));
  writeFileSync(join(dir, '.env'), envText);
  const loaded = loadEnvironment({ cwd: dir, processEnv: {} });
  return { loaded, db: toDatabaseConfig(parseEnv(databaseEnvShape, loaded.env)) };
}

describe('.env.example', () => {
  it('holds only comments, blank lines and KEY=VALUE lines', () => {
    expect(invalid).toEqual([]);
  });

  it('defines all nine seed variables', () => {
    const keys = entries.map((e) => e.key);
    expect(SEED_VARIABLES.filter((name) => !keys.includes(name))).toEqual([]);
  });

  it('defines each variable once', () => {
    const keys = entries.map((e) => e.key);
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
  });

  it('refers only to variables defined on an earlier line', () => {
    const definedAt = new Map(entries.map((e) => [e.key, e.line]));
    const problems = entries.flatMap((entry) =>
      findEnvFileRefs(entry.value)
        .filter((ref) => (definedAt.get(ref.name) ?? Infinity) >= entry.line)
        .map((ref) => `line ${entry.line}: ${entry.key} uses \${${ref.name}} before it is defined`),
    );
    expect(problems).toEqual([]);
  });

  it('gives the apps on the host the DATABASE_URL_LOCAL its comments describe', () => {
    const { loaded } = loadAsApps(text);
    expect(loaded.databaseUrlSource).toBe('.env DATABASE_URL_LOCAL');
    expect(loaded.env['DATABASE_URL']).toBe('postgres://sentiment:change-me-locally@localhost:5433/sentiment');
  });

  it('documents at its top a single-quoted password that the apps read literally', () => {
    const header = text.slice(0, text.search(/^[A-Z_]+=/m));
    const example = /PG_PASSWORD='([^']*)'/.exec(header);
    expect(example).not.toBeNull();
    const { db } = loadAsApps(text.replace(/^PG_PASSWORD=.*$/m, example![0]));
    expect(db.password).toBe(example![1]);
    expect(example![1]).toMatch(/\$/); // the example shows the point: a $ that is not expanded
  });
});
