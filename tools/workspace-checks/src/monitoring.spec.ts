/**
 * The `monitoring` compose profile: Prometheus scrapes the scrapers, Grafana is provisioned
 * from deploy/grafana. These checks tie the files to what they refer to: the scraper's HTTP port and
 * metric names (the kit's shared `scrape_*` series and each scraper's own), the provisioned
 * datasources, the tables of the migrations, the compose services.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump } from 'js-yaml';
import { WORKSPACE_ROOT, readWorkspaceFile, readYaml } from './deploy-files';
import { parseEnvFile } from './variables';

const PROMETHEUS_CONFIG = 'deploy/prometheus/prometheus.yml';
const DATASOURCES = 'deploy/grafana/provisioning/datasources/datasources.yml';
const DASHBOARD_PROVIDERS = 'deploy/grafana/provisioning/dashboards/dashboards.yml';
const DASHBOARDS_DIR = 'deploy/grafana/dashboards';
/** Where metrics are registered: the scraper kit (the series every scraper shares) and the apps. */
const METRIC_SOURCE_ROOTS = ['libs/scraper-kit/src', 'apps'];
const MIGRATIONS_DIR = 'libs/db/src/lib/migrations';
const PROMTOOL_INSTALL = '`sudo apt-get install --no-install-recommends prometheus` (Debian/Ubuntu; ships promtool)';

interface DatasourceRef {
  type?: string;
  uid?: string;
}

interface Target {
  refId?: string;
  datasource?: DatasourceRef;
  expr?: string;
  rawSql?: string;
}

interface Panel {
  id?: number;
  type?: string;
  title?: string;
  datasource?: DatasourceRef;
  targets?: Target[];
  panels?: Panel[];
}

interface Dashboard {
  uid?: string;
  title?: string;
  schemaVersion?: number;
  panels?: Panel[];
}

interface ComposeService {
  image?: string;
  profiles?: string[];
  volumes?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  networks?: string[];
}

// --- scanners (pure) ---

/** Metric names the scraper registers, read from scraper-metrics.ts (literal and templated names). */
export function metricNamesFromSource(source: string): string[] {
  const names = new Set<string>();
  // literal names, with the series a histogram or summary exposes
  for (const m of source.matchAll(/new (Counter|Gauge|Histogram|Summary)\(\{\s*name:\s*'([a-zA-Z_:][a-zA-Z0-9_:]*)'/g)) {
    const [, kind, name] = m as unknown as [string, string, string];
    names.add(name);
    if (kind === 'Histogram') ['_bucket', '_sum', '_count'].forEach((s) => names.add(name + s));
    if (kind === 'Summary') ['_sum', '_count'].forEach((s) => names.add(name + s));
  }
  // a helper building names from a template: private itemCounter(what: string, ...) { name: `scrape_items_${what}_total` }
  for (const m of source.matchAll(/private (\w+)\((\w+): string[^{]*\{[^}]*?name:\s*`([a-z_:]*)\$\{(\w+)\}([a-z_:]*)`/g)) {
    const [, method, param, prefix, used, suffix] = m as unknown as [string, string, string, string, string, string];
    if (param !== used) continue;
    for (const call of source.matchAll(new RegExp(`this\\.${method}\\(\\s*'([a-z_]+)'`, 'g'))) {
      names.add(`${prefix}${call[1]}${suffix}`);
    }
  }
  return [...names].sort();
}

const PROMQL_KEYWORDS = new Set([
  'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'bool', 'and', 'or', 'unless', 'inf', 'nan',
]);

/** Metric names a PromQL expression selects (not functions, labels, keywords or durations). */
export function metricNamesInPromql(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, ' ') // strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // range and subquery durations
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' '); // label lists
  const names = new Set<string>();
  for (const m of stripped.matchAll(/(?<![\w:.])([a-zA-Z_:][a-zA-Z0-9_:]*)(?![\w:]|\s*\()/g)) {
    const name = m[1] as string;
    if (!PROMQL_KEYWORDS.has(name.toLowerCase())) names.add(name);
  }
  return [...names];
}

/** Tables and views a SQL query reads (FROM/JOIN), without its CTEs and subqueries. */
export function tablesInSql(sql: string): string[] {
  const text = sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/\bextract\s*\(\s*\w+\s+from\b/gi, '('); // extract(epoch FROM x) is not a table
  const ctes = new Set([...text.matchAll(/(?:\bwith|,)\s+(\w+)\s+as\s*\(/gi)].map((m) => (m[1] as string).toLowerCase()));
  const tables = new Set<string>();
  for (const m of text.matchAll(/\b(?:from|join)\s+("?[\w.]+"?)/gi)) {
    const name = (m[1] as string).replace(/"/g, '').replace(/^public\./, '').toLowerCase();
    if (!ctes.has(name)) tables.add(name);
  }
  return [...tables];
}

/** Tables and views created by the migrations (create table / create [or replace] [materialized] view). */
export function tablesInMigrations(sources: string[]): string[] {
  const tables = new Set<string>();
  for (const source of sources) {
    for (const m of source.matchAll(/create\s+(?:table|(?:or\s+replace\s+)?(?:materialized\s+)?view)\s+(?:if\s+not\s+exists\s+)?"?(\w+)"?/gi)) {
      tables.add((m[1] as string).toLowerCase());
    }
  }
  return [...tables].sort();
}

/** Source files (not tests) below `root` that register Prometheus metrics (they import prom-client). */
export function metricSourceFiles(root: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(WORKSPACE_ROOT, root)).sort()) {
    const path = `${root}/${name}`;
    if (name === 'node_modules') continue;
    if (statSync(join(WORKSPACE_ROOT, path)).isDirectory()) files.push(...metricSourceFiles(path));
    else if (/(?<!\.spec|\.int-spec|\.bench)\.ts$/.test(name) && /from 'prom-client'/.test(readWorkspaceFile(path))) files.push(path);
  }
  return files;
}

/** Every metric name the scrapers register. */
function scraperMetricNames(): string[] {
  return METRIC_SOURCE_ROOTS.flatMap(metricSourceFiles).flatMap((file) => metricNamesFromSource(readWorkspaceFile(file)));
}

function allPanels(panels: Panel[] = []): Panel[] {
  return panels.flatMap((p) => [p, ...allPanels(p.panels)]);
}

// --- the files ---

const prometheus = readYaml(PROMETHEUS_CONFIG) as {
  global?: { scrape_interval?: string };
  scrape_configs?: { job_name: string; metrics_path?: string; static_configs?: { targets: string[] }[] }[];
};
const datasources = (readYaml(DATASOURCES) as { datasources?: (DatasourceRef & { name?: string; url?: string; jsonData?: Record<string, unknown> })[] })
  .datasources ?? [];
const providers = (readYaml(DASHBOARD_PROVIDERS) as { providers?: { type?: string; options?: { path?: string } }[] }).providers ?? [];
const dashboardFiles = readdirSync(join(WORKSPACE_ROOT, DASHBOARDS_DIR)).filter((f) => f.endsWith('.json'));
const dashboards = dashboardFiles.map((file) => ({
  file,
  dashboard: JSON.parse(readWorkspaceFile(`${DASHBOARDS_DIR}/${file}`)) as Dashboard,
}));
const queries = dashboards.flatMap(({ file, dashboard }) =>
  allPanels(dashboard.panels)
    .filter((p) => p.type !== 'row')
    .flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        where: `${file} panel "${panel.title}" ${target.refId}`,
        panel,
        target,
        datasource: target.datasource ?? panel.datasource,
      })),
    ),
);
const compose = readYaml('docker-compose.yml') as { services?: Record<string, ComposeService>; volumes?: Record<string, unknown> };

function composeService(name: string): ComposeService {
  const found = compose.services?.[name];
  if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
  return found;
}

function runPromtool(args: string[], input?: string) {
  const run = spawnSync('promtool', args, { cwd: WORKSPACE_ROOT, input, encoding: 'utf8', timeout: 30_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`promtool is not on PATH. Install it to validate ${PROMETHEUS_CONFIG}: ${PROMTOOL_INSTALL}.`);
  }
  if (run.error) throw run.error;
  return run;
}

// --- the checks ---

describe('scanners', () => {
  it('finds metric names in PromQL, not functions, labels or durations', () => {
    expect(
      metricNamesInPromql(
        'histogram_quantile(0.95, sum by (le, stream) (rate(a_seconds_bucket{stream="x"}[5m]))) / on(stream) b_total offset 1h',
      ).sort(),
    ).toEqual(['a_seconds_bucket', 'b_total']);
  });

  it('finds the tables of a query, not its CTEs or extract(... from ...)', () => {
    expect(
      tablesInSql("with top as (select 1 from t1) select extract(epoch from x) from top join \"t2\" m using (id) where s = 'from t3'").sort(),
    ).toEqual(['t1', 't2']);
  });

  it('reads metric names from source, with the series of histograms, and templated names', () => {
    const source = `
      readonly requests = new Counter({ name: 'x_requests_total', help: 'h' });
      readonly took = new Histogram({
        name: 'x_duration_seconds', help: 'h' });
      readonly inserted = this.itemCounter('inserted', 'h');
      private itemCounter(what: string, help: string) { return new Counter({ name: \`x_items_\${what}_total\`, help }); }`;
    expect(metricNamesFromSource(source)).toEqual([
      'x_duration_seconds',
      'x_duration_seconds_bucket',
      'x_duration_seconds_count',
      'x_duration_seconds_sum',
      'x_items_inserted_total',
      'x_requests_total',
    ]);
  });

  it("finds the scrapers' metric sources: the kit's shared series and the Reddit scraper's own", () => {
    expect(METRIC_SOURCE_ROOTS.flatMap(metricSourceFiles)).toEqual(
      expect.arrayContaining(['libs/scraper-kit/src/lib/metrics/scrape-metrics.ts', 'apps/reddit-scraper/src/http/reddit-metrics.ts']),
    );
    expect(scraperMetricNames()).toEqual(
      expect.arrayContaining([
        'reddit_requests_total',
        'reddit_ratelimit_remaining',
        'scrape_items_inserted_total',
        'scrape_items_rejected_total',
        'scrape_gaps_total',
        'scrape_poll_duration_seconds_bucket',
      ]),
    );
  });
});

describe('prometheus.yml', () => {
  const scraper = prometheus.scrape_configs?.find((job) => job.job_name === 'reddit-scraper');

  it('scrapes every 15 s', () => {
    expect(prometheus.global?.scrape_interval).toBe('15s');
  });

  it("scrapes the reddit-scraper compose service on its HTTP_PORT, at /metrics", () => {
    const httpPort = parseEnvFile(readWorkspaceFile('.env.example')).entries.find((e) => e.key === 'HTTP_PORT')?.value;
    expect(httpPort).toBe('9464');
    expect(composeService('reddit-scraper').environment?.['HTTP_PORT']).toBe(`\${HTTP_PORT:-${httpPort}}`);
    expect(scraper?.static_configs?.flatMap((c) => c.targets)).toEqual([`reddit-scraper:${httpPort}`]);
    expect(scraper?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('scrapes the hn-scraper compose service on the port its container listens on', () => {
    const job = prometheus.scrape_configs?.find((j) => j.job_name === 'hn-scraper');
    const port = composeService('hn-scraper').environment?.['HTTP_PORT'];
    expect(port).toBe('9465');
    expect(job?.static_configs?.flatMap((c) => c.targets)).toEqual([`hn-scraper:${port}`]);
    expect(job?.metrics_path ?? '/metrics').toBe('/metrics');
  });

  it('is valid for promtool check config', () => {
    const run = runPromtool(['check', 'config', PROMETHEUS_CONFIG]);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  });
});

describe('grafana provisioning', () => {
  it('provisions Prometheus and TimescaleDB (PostgreSQL) with the uids dashboards use', () => {
    const prom = datasources.find((d) => d.uid === 'prometheus');
    const tsdb = datasources.find((d) => d.uid === 'timescaledb');
    expect(prom).toMatchObject({ type: 'prometheus', url: 'http://prometheus:9090' });
    expect(tsdb).toMatchObject({
      type: 'grafana-postgresql-datasource',
      url: 'timescaledb_service:5432',
      user: '$DB_ANALYST_USER',
      jsonData: { database: '$PG_DB', sslmode: 'disable', postgresVersion: 1500, timescaledb: true },
      secureJsonData: { password: '$DB_ANALYST_PASSWORD' },
    });
    expect(composeService('timescaledb')).toMatchObject({ container_name: 'timescaledb_service' });
  });

  it('loads dashboards from the directory compose mounts the repository JSON at', () => {
    const mounts = composeService('grafana').volumes ?? [];
    expect(providers).toHaveLength(1);
    expect(providers[0]).toMatchObject({ type: 'file' });
    expect(mounts).toContain(`./${DASHBOARDS_DIR}:${providers[0]?.options?.path}:ro`);
    expect(dashboardFiles).toContain('sentiment-ingest.json');
  });

  it('has dashboards with a uid, a title, a current schema and unique panel ids', () => {
    for (const { file, dashboard } of dashboards) {
      expect({ file, uid: typeof dashboard.uid, title: typeof dashboard.title }).toEqual({ file, uid: 'string', title: 'string' });
      expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
      const ids = allPanels(dashboard.panels).map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('queries only provisioned datasources, by uid and type', () => {
    expect(queries.length).toBeGreaterThan(0);
    const provisioned = new Map(datasources.map((d) => [d.uid, d.type]));
    const wrong = queries
      .filter(({ datasource }) => !datasource?.uid || provisioned.get(datasource.uid) !== datasource.type)
      .map(({ where, datasource }) => `${where}: ${JSON.stringify(datasource)}`);
    expect(wrong).toEqual([]);
  });

  it('uses only metrics the scraper exposes (renaming a metric breaks this)', () => {
    const known = new Set([...scraperMetricNames(), 'up']);
    const promQueries = queries.filter(({ datasource }) => datasource?.type === 'prometheus');
    expect(promQueries.length).toBeGreaterThan(0);
    const used = promQueries.flatMap(({ where, target }) => metricNamesInPromql(target.expr ?? '').map((name) => ({ where, name })));
    expect(used.map((u) => u.name)).toEqual(
      expect.arrayContaining([
        'reddit_ratelimit_remaining',
        'reddit_requests_total',
        'scrape_items_inserted_total',
        'scrape_gaps_total',
        'scrape_stream_lag_seconds',
      ]),
    );
    expect(used.filter((u) => !known.has(u.name)).map((u) => `${u.where}: ${u.name}`)).toEqual([]);
  });

  it('has PromQL that parses (promtool check rules, each expression as a recording rule)', () => {
    const exprs = queries.filter(({ target }) => target.expr !== undefined);
    const dir = mkdtempSync(join(tmpdir(), 'monitoring-checks-'));
    try {
      const file = join(dir, 'dashboard-queries.yml');
      const rules = exprs.map(({ target }, i) => ({ record: `dashboard:query_${i}`, expr: target.expr }));
      writeFileSync(file, dump({ groups: [{ name: 'dashboard-queries', rules }] }));
      const run = runPromtool(['check', 'rules', file]);
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain(`SUCCESS: ${exprs.length} rules found`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('queries in SQL only tables the migrations create', () => {
    const migrations = readdirSync(join(WORKSPACE_ROOT, MIGRATIONS_DIR))
      .filter((f) => /^Migration\d+.*\.ts$/.test(f))
      .map((f) => readWorkspaceFile(`${MIGRATIONS_DIR}/${f}`));
    const existing = new Set(tablesInMigrations(migrations));
    expect([...existing]).toEqual(
      expect.arrayContaining(['raw_submissions', 'submission_metrics', 'submission_engagement', 'scrape_gaps', 'scrape_checkpoints', 'subreddit_activity_hourly']),
    );
    const sqlQueries = queries.filter(({ datasource }) => datasource?.uid === 'timescaledb');
    expect(sqlQueries.length).toBeGreaterThan(0);
    const problems = sqlQueries.flatMap(({ where, target }) => {
      const tables = tablesInSql(target.rawSql ?? '');
      if (tables.length === 0) return [`${where}: reads no table`];
      return tables.filter((t) => !existing.has(t)).map((t) => `${where}: ${t}`);
    });
    expect(problems).toEqual([]);
  });

  it("filters time-series SQL by the dashboard's time range", () => {
    const unfiltered = queries
      .filter(({ target }) => target.rawSql !== undefined && !/\$__timeFilter\(/.test(target.rawSql))
      .map(({ where }) => where);
    expect(unfiltered).toEqual([]);
  });
});

describe('docker-compose.yml monitoring profile', () => {
  it.each([
    ['prometheus', /^prom\/prometheus:v\d+\.\d+\.\d+$/],
    ['grafana', /^grafana\/grafana:\d+\.\d+\.\d+$/],
  ])('runs %s from a pinned image, only in the monitoring profile, on the sentiment network', (name, image) => {
    const svc = composeService(name);
    expect(svc.image).toMatch(image);
    expect(svc.profiles).toEqual(['monitoring']);
    expect(svc.networks).toContain('sentiment');
    expect(composeService('reddit-scraper').networks).toContain('sentiment');
  });

  it('mounts the repository files read-only and keeps data in named volumes', () => {
    expect(composeService('prometheus').volumes).toEqual([
      `./${PROMETHEUS_CONFIG}:/etc/prometheus/prometheus.yml:ro`,
      'prometheus_data:/prometheus',
    ]);
    expect(composeService('grafana').volumes).toEqual(
      expect.arrayContaining(['./deploy/grafana/provisioning:/etc/grafana/provisioning:ro', 'grafana_data:/var/lib/grafana']),
    );
    expect(Object.keys(compose.volumes ?? {})).toEqual(expect.arrayContaining(['prometheus_data', 'grafana_data']));
  });

  it('publishes the UIs on overridable host ports of PUBLISH_ADDRESS', () => {
    expect(composeService('prometheus').ports).toEqual(['${PUBLISH_ADDRESS:-127.0.0.1}:${PROMETHEUS_PORT_HOST:-9090}:9090']);
    expect(composeService('grafana').ports).toEqual(['${PUBLISH_ADDRESS:-127.0.0.1}:${GRAFANA_PORT_HOST:-3000}:3000']);
  });

  it('gives Grafana the database settings its datasource expands, as the analyst user (read only, never the owner), no anonymous access by default', () => {
    const environment = composeService('grafana').environment ?? {};
    expect(Object.values(environment).join(' ')).not.toMatch(/\$\{PG_(USER|PASSWORD)\}/);
    expect(environment).toMatchObject({
      PG_DB: '${PG_DB}',
      DB_ANALYST_USER: '${DB_ANALYST_USER}',
      DB_ANALYST_PASSWORD: '${DB_ANALYST_PASSWORD}',
      GF_SECURITY_ADMIN_PASSWORD: '${GRAFANA_ADMIN_PASSWORD:-admin}',
      GF_AUTH_ANONYMOUS_ENABLED: '${GRAFANA_ANONYMOUS_ENABLED:-false}',
    });
  });

  it('leaves the default services outside any profile', () => {
    for (const name of ['timescaledb', 'migrator', 'hn-scraper']) expect(composeService(name).profiles).toBeUndefined();
  });
});
