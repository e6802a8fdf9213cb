import type { JsonAttempt } from '@sentiment-ingest/scraper-kit';
import { Counter, Histogram, type Registry } from 'prom-client';

/** The endpoint of an API URL, as a low-cardinality label: `item`, `maxitem`, `updates`, ... */
export function endpointOf(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/\?.*$/, '');
  const keyed = /\/(item|user)\/[^/]+\.json$/.exec(path);
  if (keyed?.[1]) return keyed[1];
  const name = /\/([a-z]+)\.json$/.exec(path)?.[1];
  return name ?? 'other';
}

/**
 * The Hacker News scraper's own series, beside the kit's `scrape_*` ones on the same registry:
 * every request attempt by endpoint and outcome, and how long it took.
 */
export class HnMetrics {
  private readonly requests: Counter<'endpoint' | 'status'>;
  private readonly duration: Histogram<'endpoint'>;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: 'hn_requests_total',
      help: 'Requests to the Hacker News API, by endpoint and status (no-response, invalid-json, or the HTTP status); retries count',
      labelNames: ['endpoint', 'status'] as const,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: 'hn_request_duration_seconds',
      help: 'Duration of one request to the Hacker News API, by endpoint',
      labelNames: ['endpoint'] as const,
      buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  /** The JsonClient's `onAttempt`. */
  readonly observe = (attempt: JsonAttempt): void => {
    const endpoint = endpointOf(attempt.url);
    this.requests.inc({ endpoint, status: String(attempt.status) });
    this.duration.observe({ endpoint }, attempt.ms / 1000);
  };
}
