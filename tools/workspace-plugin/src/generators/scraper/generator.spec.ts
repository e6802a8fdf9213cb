import { readProjectConfiguration, type Tree } from '@nx/devkit';
import { load } from 'js-yaml';
import { changesFromWorkspace, workspaceTree } from '../../testing/workspace-files';
import { applyScraperGenerator, type ScraperPlan } from './generator';
import { UnexpectedFileError } from './text-edit';
import { ScraperOptionError } from './validate';

const NOW = new Date('2031-05-06T07:08:09Z');

interface ComposeService {
  build?: { args?: Record<string, string> };
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test?: string[] };
  depends_on?: Record<string, { condition: string }>;
}

function read(tree: Tree, path: string): string {
  const text = tree.read(path, 'utf-8');
  if (text === null) throw new Error(`${path} is missing`);
  return text;
}

describe('scraper generator on the real workspace files', () => {
  let tree: Tree;
  let plan: ScraperPlan;
  beforeEach(() => {
    tree = workspaceTree();
    plan = applyScraperGenerator(tree, { source: 'sample' }, NOW);
  });

  it('creates the app, its item table in libs/db and its item type in libs/models, and edits only the files that list them', () => {
    const migration = 'libs/db/src/lib/migrations/Migration20310506070809_sample_items.ts';
    expect(changesFromWorkspace(tree)).toEqual({
      created: [
        'apps/sample-scraper/eslint.config.mjs',
        'apps/sample-scraper/jest.config.js',
        'apps/sample-scraper/jest.integration.config.js',
        'apps/sample-scraper/project.json',
        'apps/sample-scraper/src/config.spec.ts',
        'apps/sample-scraper/src/config.ts',
        'apps/sample-scraper/src/main.ts',
        'apps/sample-scraper/src/sample-feed.ts',
        'apps/sample-scraper/src/sample-poller.spec.ts',
        'apps/sample-scraper/src/sample-poller.ts',
        'apps/sample-scraper/src/sample-scraper.int-spec.ts',
        'apps/sample-scraper/src/sample-scraper.spec.ts',
        'apps/sample-scraper/src/sample-scraper.ts',
        'apps/sample-scraper/tsconfig.app.json',
        'apps/sample-scraper/tsconfig.json',
        'libs/db/src/lib/entities/sample-item-key.entity.ts',
        'libs/db/src/lib/entities/sample-item.entity.ts',
        migration,
        'libs/db/src/lib/sources/sample-items.ts',
        'libs/models/src/lib/sample/sample-item.ts',
      ].sort(),
      updated: [
        '.env.example',
        'README.md',
        'docker-compose.yml',
        'eslint.config.mjs',
        'libs/db/src/index.ts',
        'libs/db/src/lib/entities/index.ts',
        'libs/db/src/lib/migrations/index.ts',
        'libs/db/src/lib/timescale/timescale-info.ts',
        'libs/models/src/index.ts',
      ],
    });
    expect(tree.exists(migration)).toBe(true);
  });

  it('never touches nx.json, tsconfig.base.json or package.json', () => {
    const { updated } = changesFromWorkspace(tree);
    for (const file of ['nx.json', 'tsconfig.base.json', 'package.json', 'package-lock.json']) expect(updated).not.toContain(file);
  });

  it("tags the project type:app and scope:<source> and gives it reddit-scraper's targets, renamed", () => {
    const project = readProjectConfiguration(tree, 'sample-scraper');
    const reddit = readProjectConfiguration(tree, 'reddit-scraper');
    expect(project.tags).toEqual(['type:app', 'scope:sample']);
    const { 'bench-day': _bench, ...redditTargets } = reddit.targets ?? {};
    expect(project.targets).toEqual(JSON.parse(JSON.stringify(redditTargets).replace(/reddit-scraper/g, 'sample-scraper')));
    expect(project.targets?.['build']?.options).toMatchObject({ outputPath: 'dist/apps/sample-scraper', outputFileName: 'main.js' });
    expect(project.targets?.['serve']?.dependsOn).toEqual(['build']);
  });

  it('writes main.ts as one call of the kit over the definition of app sample-scraper, source sample', () => {
    expect(read(tree, 'apps/sample-scraper/src/main.ts')).toBe(
      "import { runScraperMain } from '@sentiment-ingest/scraper-kit';\nimport { sampleScraper } from './sample-scraper';\n\nrunScraperMain(sampleScraper);\n",
    );
    const definition = read(tree, 'apps/sample-scraper/src/sample-scraper.ts');
    expect(definition).toContain("app: 'sample-scraper',");
    expect(definition).toContain("export const SAMPLE_SOURCE = 'sample';");
    expect(definition).toContain('new ItemWriter({ connections, table: SAMPLE_ITEMS, source: SAMPLE_SOURCE })');
    expect(definition).toContain('new DurableWriter<ItemBatch<SampleItem>>');
    expect(definition).toContain('scheduler.add(SAMPLE_STREAM, (signal) => poller.poll(signal));');
    expect(definition).toMatch(/return \{\n\s+run: \(signal\) => scheduler\.run\(signal\),\n[\s\S]*checks: \{\},\n\s+startedFields: /);
    expect(read(tree, 'apps/sample-scraper/src/sample-feed.ts')).toContain("TODO(sample): THE SOURCE'S FETCHING GOES HERE");
  });

  it('gives the config the next free default port (after reddit-scraper 9464 and hn-scraper 9465) and described SAMPLE_ variables before the kit shape', () => {
    expect(plan.httpPort).toBe(9466);
    const config = read(tree, 'apps/sample-scraper/src/config.ts');
    expect(config).toContain('...scraperProcessEnvShape({ httpPort: SAMPLE_SCRAPER_DEFAULTS.httpPort }),');
    expect(config).toContain('httpPort: 9466,');
    expect(config).toMatch(/SAMPLE_POLL_INTERVAL_S: numberInRange\('seconds', [^\n]*\.describe\('/);
    expect(config.indexOf('SAMPLE_STREAM_FAILURES_NOT_READY: streamFailuresVar,')).toBeLessThan(config.indexOf('...scraperProcessEnvShape('));
    expect(read(tree, 'apps/sample-scraper/src/sample-scraper.ts')).toContain('envShape: sampleScraperEnvShape,');
  });

  it('adds a migration that creates the hypertable with every column the declaration writes, and lists it last', () => {
    expect(plan.migrationName).toBe('Migration20310506070809_sample_items');
    const sql = read(tree, `libs/db/src/lib/migrations/${plan.migrationName}.ts`);
    expect(sql).toContain(`export class ${plan.migrationName} extends Migration`);
    expect(sql).toContain(`select create_hypertable('sample_items', by_range('created_at', interval '1 day'), create_default_indexes => false);`);
    expect(sql).toContain('constraint "sample_items_pkey" primary key ("id", "created_at")');
    expect(sql).toContain('constraint "sample_item_keys_pkey" primary key ("id")');
    expect(sql).toContain("grant select, insert, update on sample_items, sample_item_keys to %I");
    const declaration = read(tree, 'libs/db/src/lib/sources/sample-items.ts');
    const declared = [...declaration.matchAll(/\{ name: '(\w+)'/g)].map((m) => m[1]);
    const fixed = [...declaration.matchAll(/(?:firstSeen|updated)Column: '(\w+)'/g)].map((m) => m[1]);
    expect(declared).toEqual(['id', 'created_at', 'raw']);
    for (const column of [...declared, ...fixed]) expect(sql).toMatch(new RegExp(`^  "${column}" \\w+`, 'm'));
    const index = read(tree, 'libs/db/src/lib/migrations/index.ts');
    expect(index.trimEnd().split('\n').at(-2)).toBe(`  { name: '${plan.migrationName}', class: ${plan.migrationName} },`);
  });

  it('registers the entities, exports the declaration and the item type, and expects the hypertable in verify', () => {
    expect(read(tree, 'libs/db/src/lib/entities/index.ts')).toMatch(/ALL_ENTITIES = \[[^\]]*SampleItemEntity,\n {2}SampleItemKeyEntity,\n\];/);
    expect(read(tree, 'libs/db/src/index.ts')).toContain("export { SAMPLE_ITEMS } from './lib/sources/sample-items';");
    expect(read(tree, 'libs/models/src/index.ts')).toContain("export type { SampleItem } from './lib/sample/sample-item';");
    expect(read(tree, 'libs/db/src/lib/timescale/timescale-info.ts')).toContain("{ table: 'sample_items', timeColumn: 'created_at', chunkInterval: '1 day' },\n]);");
  });

  it('adds a module-boundary constraint for scope:sample to eslint.config.mjs, after the last scope constraint', () => {
    const lastScope = read(workspaceTree(), 'eslint.config.mjs')
      .split('\n')
      .filter((line) => line.startsWith("  { sourceTag: 'scope:"))
      .at(-1);
    expect(read(tree, 'eslint.config.mjs')).toContain(`${lastScope}\n  { sourceTag: 'scope:sample', onlyDependOnLibsWithTags: ['scope:sample', 'scope:shared'] },\n`);
  });

  it('adds a compose service that starts after the migrator completed, with its env, port and health check, keeping the comments', () => {
    const before = read(workspaceTree(), 'docker-compose.yml');
    const after = read(tree, 'docker-compose.yml');
    for (const comment of before.split('\n').filter((line) => line.trim().startsWith('#'))) expect(after).toContain(comment);
    const service = (load(after) as { services: Record<string, ComposeService> }).services['sample-scraper'];
    expect(service?.build?.args).toEqual({ APP: 'sample-scraper' });
    expect(service?.depends_on).toEqual({
      timescaledb: { condition: 'service_healthy' },
      migrator: { condition: 'service_completed_successfully' },
    });
    expect(service?.environment).toMatchObject({
      PG_HOST: 'timescaledb_service',
      // as the scraper user the migrator creates, never as the owner
      PG_USER: '${DB_SCRAPER_USER}',
      PG_PASSWORD: '${DB_SCRAPER_PASSWORD}',
      SAMPLE_POLL_INTERVAL_S: '${SAMPLE_POLL_INTERVAL_S:-60}',
      SAMPLE_STREAM_FAILURES_NOT_READY: '${SAMPLE_STREAM_FAILURES_NOT_READY:-3}',
      HTTP_PORT: '9466',
    });
    expect(service?.ports).toEqual(['${PUBLISH_ADDRESS:-127.0.0.1}:${SAMPLE_HTTP_PORT_HOST:-9466}:9466']);
    expect(service?.healthcheck?.test?.join(' ')).toContain('http://127.0.0.1:9466/readyz');
    // after the other scrapers, before the optional services and their comments
    expect(after.indexOf('  sample-scraper:')).toBeGreaterThan(after.indexOf('  hn-scraper:'));
    expect(after.indexOf('  sample-scraper:')).toBeLessThan(after.indexOf('  # Optional transaction pooler'));
  });

  it('documents the scraper in the README before the migrator commands, and its variables in .env.example', () => {
    const readme = read(tree, 'README.md');
    const section = readme.indexOf('## Sample scraper\n');
    expect(section).toBeGreaterThan(readme.indexOf('## Reddit scraper\n'));
    expect(section).toBeLessThan(readme.indexOf('## Migrator commands\n'));
    expect(readme).toContain('`npx nx run sample-scraper:serve`');
    expect(readme).toContain('| `SAMPLE_POLL_INTERVAL_S` | `60` |');
    expect(readme).toContain('| 6 | migrations pending: run `npx nx run migrator:serve` |');
    const env = read(tree, '.env.example');
    expect(env).toMatch(/^SAMPLE_POLL_INTERVAL_S=60$/m);
    expect(env.indexOf('SAMPLE_POLL_INTERVAL_S=')).toBeLessThan(env.indexOf('# --- Compose ---'));
  });

  it('gives a second scraper the next port and a later migration', () => {
    const second = applyScraperGenerator(tree, { source: 'other2' }, NOW);
    expect(second.httpPort).toBe(9467);
    expect(second.migrationName).toBe('Migration20310506070810_other2_items');
    expect(read(tree, 'docker-compose.yml').indexOf('  other2-scraper:')).toBeGreaterThan(read(tree, 'docker-compose.yml').indexOf('  sample-scraper:'));
  });
});

describe('scraper generator refusals (nothing is written)', () => {
  it.each([
    ['', /Give the source's name/],
    ['Hn', /"Hn" is not a valid source name: use lowercase letters and digits, starting with a letter/],
    ['1hn', /not a valid source name/],
    ['hacker-news', /not a valid source name/],
    ['hacker_news', /not a valid source name/],
    ['a'.repeat(31), /too long for a source name: at most 30 characters/],
  ])('refuses the source name %p', (source, message) => {
    const tree = workspaceTree();
    expect(() => applyScraperGenerator(tree, { source }, NOW)).toThrow(ScraperOptionError);
    expect(() => applyScraperGenerator(tree, { source }, NOW)).toThrow(message);
    expect(changesFromWorkspace(tree)).toEqual({ created: [], updated: [] });
  });

  it.each([
    ['reddit', /a project named reddit-scraper already exists \(apps\/reddit-scraper\)/],
    ['db', /a project named db already exists/],
    ['migrator', /a project named migrator already exists/],
    ['shared', /the tag scope:shared already belongs to/],
  ])('refuses %p, which is taken', (source, message) => {
    const tree = workspaceTree();
    expect(() => applyScraperGenerator(tree, { source }, NOW)).toThrow(message);
    expect(changesFromWorkspace(tree)).toEqual({ created: [], updated: [] });
  });

  it("generates beside the source's own fake (a type:tool with its scope tag) and keeps a model written first", () => {
    const tree = workspaceTree();
    tree.write('tools/fake-sample/project.json', JSON.stringify({ name: 'fake-sample', root: 'tools/fake-sample', tags: ['type:tool', 'scope:sample'] }));
    const model = 'export interface SampleItem {\n  readonly id: number;\n}\n';
    tree.write('libs/models/src/lib/sample/sample-item.ts', model);
    const index = `${read(tree, 'libs/models/src/index.ts')}export type { SampleItem } from './lib/sample/sample-item';\n`;
    tree.write('libs/models/src/index.ts', index);
    applyScraperGenerator(tree, { source: 'sample' }, NOW);
    expect(read(tree, 'libs/models/src/lib/sample/sample-item.ts')).toBe(model);
    expect(read(tree, 'libs/models/src/index.ts')).toBe(index);
    expect(tree.exists('apps/sample-scraper/project.json')).toBe(true);

    const withLibrary = workspaceTree();
    withLibrary.write('libs/sample/project.json', JSON.stringify({ name: 'sample-lib', root: 'libs/sample', tags: ['type:data-access', 'scope:sample'] }));
    expect(() => applyScraperGenerator(withLibrary, { source: 'sample' }, NOW)).toThrow(/the tag scope:sample already belongs to sample-lib/);
  });

  it("keeps a source's tables written first (its declaration in libs/db): no migration, entity, export or hypertable generated", () => {
    const tree = workspaceTree();
    const declaration = "export const SAMPLE_ITEMS = 'written first';\n";
    tree.write('libs/db/src/lib/sources/sample-items.ts', declaration);
    const model = 'export interface SampleItem {\n  readonly id: number;\n}\n';
    tree.write('libs/models/src/lib/sample/sample-item.ts', model);
    const plan = applyScraperGenerator(tree, { source: 'sample' }, NOW);
    expect(plan.migrationName).toBeNull();
    expect(read(tree, 'libs/db/src/lib/sources/sample-items.ts')).toBe(declaration);
    const { created, updated } = changesFromWorkspace(tree);
    // only the two files written above: nothing else generated or edited under libs/db or libs/models
    expect([...created, ...updated].filter((path) => /^libs\/(db|models)\//.test(path)).sort()).toEqual([
      'libs/db/src/lib/sources/sample-items.ts',
      'libs/models/src/lib/sample/sample-item.ts',
    ]);
    expect(tree.exists('apps/sample-scraper/project.json')).toBe(true);
    expect(() => applyScraperGenerator(tree, { source: 'sample' }, NOW)).toThrow(/a project named sample-scraper already exists/);
  });

  it('refuses the same source twice', () => {
    const tree = workspaceTree();
    applyScraperGenerator(tree, { source: 'sample' }, NOW);
    expect(() => applyScraperGenerator(tree, { source: 'sample' }, NOW)).toThrow(/a project named sample-scraper already exists/);
  });

  it('refuses a port another scraper has, and takes a free one', () => {
    expect(() => applyScraperGenerator(workspaceTree(), { source: 'sample', httpPort: 9464 }, NOW)).toThrow(/--httpPort 9464 is already the default port of another scraper/);
    expect(applyScraperGenerator(workspaceTree(), { source: 'sample', httpPort: 9500 }, NOW).httpPort).toBe(9500);
  });

  it('says which file does not have the expected shape', () => {
    const tree = workspaceTree();
    tree.write('libs/db/src/lib/timescale/timescale-info.ts', 'export const EXPECTED_HYPERTABLES = [];\n');
    expect(() => applyScraperGenerator(tree, { source: 'sample' }, NOW)).toThrow(UnexpectedFileError);
    expect(() => applyScraperGenerator(workspaceTree(), { source: 'sample' }, NOW)).not.toThrow();
  });
});

