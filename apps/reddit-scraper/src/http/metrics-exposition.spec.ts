import { spawnSync } from 'node:child_process';
import { ScraperMetrics } from './scraper-metrics';

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

/** Every metric with a sample, so that each series type is rendered. */
function exercised(options: { processMetrics?: boolean } = {}): ScraperMetrics {
  const metrics = new ScraperMetrics(options);
  metrics.requests.inc({ endpoint: '/r/{subreddits}/new', status: '200' });
  metrics.requests.inc({ endpoint: '/api/info', status: 'network-error' });
  metrics.rateLimitRemaining.set(597);
  for (const counter of [metrics.postsFetched, metrics.postsInserted, metrics.postsUpdated]) {
    counter.inc({ stream: 'news+worldnews' }, 3);
  }
  metrics.postsRejected.inc({ stream: 'news+worldnews', stage: 'write' });
  metrics.streamConsecutiveFailures.set({ stream: 'news+worldnews' }, 2);
  metrics.streamLastSuccess.set({ stream: 'news+worldnews' }, 1_764_403_200);
  metrics.gaps.inc({ stream: 'news+worldnews' });
  metrics.streamLag.set({ stream: 'news+worldnews' }, 12.5);
  metrics.pollDuration.observe({ stream: 'news+worldnews' }, 0.42);
  metrics.writeFailures.inc({ retryable: 'true' });
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
