import { ReadinessFailure } from '../http/readiness';
import type { ScrapeMetrics } from '../metrics/scrape-metrics';

/** The series stream health keeps up to date. */
export type StreamHealthMetrics = Pick<ScrapeMetrics, 'setStreamFailures' | 'setStreamLastSuccess' | 'forgetStream'>;

/** Default threshold (Reddit: REDDIT_STREAM_FAILURES_NOT_READY): polls failed in a row before /readyz says not ready. */
export const DEFAULT_FAILURES_NOT_READY = 3;

interface Health {
  consecutiveFailures: number;
  lastSuccessAt: number | null;
}

/**
 * How each stream fares: failures in a row and the last success, exported as metrics and read by
 * `/readyz`, so a stream that keeps failing (a database refusing its writes, a source error that
 * does not clear) is visible rather than silently retried forever.
 */
export class StreamHealth {
  private readonly streams = new Map<string, Health>();

  constructor(
    private readonly options: { metrics: StreamHealthMetrics; failuresNotReady?: number },
  ) {}

  /** A poll of `stream` completed at `at` (ms). */
  success(stream: string, at: number): void {
    this.streams.set(stream, { consecutiveFailures: 0, lastSuccessAt: at });
    this.options.metrics.setStreamFailures(stream, 0);
    this.options.metrics.setStreamLastSuccess(stream, at);
  }

  /** A poll of `stream` failed. */
  failure(stream: string): void {
    const health = this.streams.get(stream) ?? { consecutiveFailures: 0, lastSuccessAt: null };
    health.consecutiveFailures += 1;
    this.streams.set(stream, health);
    this.options.metrics.setStreamFailures(stream, health.consecutiveFailures);
  }

  /** The stream is no longer polled (e.g. Reddit split its group, or skips it). */
  forget(stream: string): void {
    this.streams.delete(stream);
    this.options.metrics.forgetStream(stream);
  }

  /** Streams that failed at least the configured number of times in a row, sorted. */
  failing(): string[] {
    const threshold = this.options.failuresNotReady ?? DEFAULT_FAILURES_NOT_READY;
    return [...this.streams].filter(([, h]) => h.consecutiveFailures >= threshold).map(([stream]) => stream).sort();
  }

  /** The readiness check: fails with `stream_failing` and the failing streams. */
  readonly check = async (): Promise<void> => {
    const failing = this.failing();
    if (failing.length > 0) throw new ReadinessFailure('stream_failing', failing);
  };
}
