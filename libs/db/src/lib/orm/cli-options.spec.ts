import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@sentiment-ingest/runtime';
import { MIGRATIONS } from '../migrations';
import { createCliOrmOptions, refusedCliCommand } from './cli-options';

describe('refusedCliCommand', () => {
  it.each([['debug'], ['migration:list'], ['migration:pending'], ['migration:check'], ['schema:update', '--dump'], ['schema:drop', '--dump'], ['--help']])(
    'lets the read-only command %p run',
    (...args: string[]) => {
      expect(refusedCliCommand(args)).toBeNull();
    },
  );

  it.each(['migration:up', 'migration:down', 'migration:fresh'])('refuses %s and names the migrator command to run instead', (command) => {
    const refusal = refusedCliCommand([command]);
    expect(refusal).toContain(`mikro-orm ${command}`);
    expect(refusal).toContain('npx nx run migrator:');
  });

  it('sends migration:create to the migrator, which writes migrations from the entity diff', () => {
    expect(refusedCliCommand(['migration:create', '--name', 'x'])).toContain('npx nx run migrator:create --name <what_changes>');
  });

  it.each([
    ['schema:update', '--run'],
    ['schema:drop', '-r'],
    ['schema:fresh', '--run', '--seed'],
    ['schema:create', '--run'],
  ])('refuses %s %s, which would change the schema outside the migrations, and suggests --dump', (...args: string[]) => {
    expect(refusedCliCommand(args)).toMatch(/would change the schema outside the migrations.*--dump/);
  });

  it('lets no arguments at all through (the CLI prints its usage)', () => {
    expect(refusedCliCommand([])).toBeNull();
  });

  it('finds the command after options given before it, with or without values', () => {
    expect(refusedCliCommand(['--verbose', 'schema:drop', '--run'])).toContain('schema:drop --run');
    expect(refusedCliCommand(['--config', 'mikro-orm.config.ts', 'migration:up'])).toContain('mikro-orm migration:up');
  });
});

describe('createCliOrmOptions', () => {
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'cli-options-')); // no .env there
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('connects with the apps\' settings and knows every migration and entity', () => {
    const options = createCliOrmOptions({
      cwd,
      processEnv: { DATABASE_URL: 'postgres://scraper:s3cret@db.example:6543/sentiment', DB_POOL_MAX: '3' },
      args: ['migration:list'],
    });
    expect(options).toMatchObject({ host: 'db.example', port: 6543, user: 'scraper', password: 's3cret', dbName: 'sentiment' });
    expect(options.pool?.max).toBe(3);
    expect(options.migrations?.migrationsList).toHaveLength(MIGRATIONS.length);
    expect(options.entities?.length).toBeGreaterThan(0);
  });

  it('names the missing setting when no database is configured', () => {
    const attempt = () => createCliOrmOptions({ cwd, processEnv: {}, args: ['debug'] });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/DATABASE_URL is not set: copy \.env\.example to \.env/);
  });

  it('refuses a schema-changing command before reading any setting', () => {
    expect(() => createCliOrmOptions({ cwd, processEnv: {}, args: ['migration:up'] })).toThrow(/the migrator changes the schema/);
  });
});
