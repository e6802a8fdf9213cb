import { spawnSync } from 'node:child_process';
import { ScrapeMetrics } from '@sentiment-ingest/scraper-kit';
import { REDDIT_SOURCE } from '../polling/stream-poller';
import { RedditMetrics } from './reddit-metrics';

const PROMTOOL_INSTALL = '`sudo apt-get install --no-install-recommends prometheus` (Debian/Ubuntu; ships promtool)';

/** Pipes an exposition to `promtool check metrics`, the linter Prometheus ships for /metrics. */
function promtoolCheckMetrics(exposition: string) {
  const run = spawnSync('promtool', ['check', 'metrics'], { input: exposition, encoding: 'utf8', timeout: 30_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error(`promtool is not on PATH. Install it to validate the /metrics exposition: ${PROMTOOL_INSTALL}.`);
  }
  if (run.error) throw run.error;
  return run;
}

/** Every metric the scraper serves (the kit's shared series and Reddit's own) with a sample, so that each series type is rendered. */
function exercised(options: { processMetrics?: boolean } = {}): ScrapeMetrics {
  const metrics = new ScrapeMetrics({ source: REDDIT_SOURCE, ...options });
  const reddit = new RedditMetrics(metrics.registry);
  const rateLimit = { remaining: 597, used: 403, resetAt: 0 };
  reddit.onResponse({ endpoint: 'listing', status: 200, durationMs: 120, rateLimit });
  reddit.onResponse({ endpoint: 'info', status: 'network-error', durationMs: 15_000, rateLimit });
  reddit.countComments('fetched', new Map([['news', 7], ['worldnews', 2]]));
  reddit.countComments('stored', new Map([['news', 7]]));
  reddit.onRequest('repoll');
  reddit.onRequest('id-walk');
  reddit.onResolved('repoll+id-walk', 512);
  const stream = 'new:news+worldnews';
  metrics.countFetched(stream, 3);
  metrics.countInserted(stream, 3);
  metrics.countUpdated(stream, 3);
  metrics.countRejected(stream, 'write');
  metrics.setStreamFailures(stream, 2);
  metrics.setStreamLastSuccess(stream, 1_764_403_200_000);
  metrics.countGap(stream);
  metrics.setLag(stream, 12.5);
  metrics.observePollDuration(stream, 0.42);
  metrics.countWriteFailure(true);
  return metrics;
}

describe('/metrics exposition', () => {
  it('has a sample of every metric the scraper registers', async () => {
    const metrics = exercised();
    const names = (await metrics.registry.getMetricsAsJSON()).map((m) => m.name);
    const exposition = await metrics.registry.metrics();
    for (const name of names) expect(exposition).toMatch(new RegExp(`^${name}(_bucket|_sum|_count)?[{ ]`, 'm'));
  });

  it('passes promtool check metrics: valid, no lint problems', async () => {
    const run = promtoolCheckMetrics(await exercised().registry.metrics());
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it("with process metrics (as main.ts serves it), parses, and promtool's only lint problems are prom-client's three nodejs_*_total gauges", async () => {
    // prom-client 15's default metrics name three gauges *_total, which promtool's linter flags
    // (exit 3 = lint problems only; a parse error exits 1). Listed exactly, so that any other
    // problem, or prom-client fixing these, shows up here.
    const run = promtoolCheckMetrics(await exercised({ processMetrics: true }).registry.metrics());
    const problems = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect({ status: run.status, stdout: run.stdout, problems }).toEqual({
      status: 3,
      stdout: '',
      problems: [
        'nodejs_active_handles_total non-counter metrics should not have "_total" suffix',
        'nodejs_active_requests_total non-counter metrics should not have "_total" suffix',
        'nodejs_active_resources_total non-counter metrics should not have "_total" suffix',
      ],
    });
  });

  it('is rejected by promtool when broken (the check is real)', () => {
    const run = promtoolCheckMetrics('# HELP x_total A counter\n# TYPE x_total counter\nx_total{a="1" 1\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/parsing error/);
  });
});
