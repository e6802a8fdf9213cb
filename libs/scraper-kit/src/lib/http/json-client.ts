import type { Log } from '@sentiment-ingest/runtime';
import { backoffDelay, DEFAULT_BACKOFF, isRetryableStatus, type BackoffOptions } from '../retry/backoff';
import { retryWaitMs } from '../retry/retry-after';
import type { Clock } from '../time/clock';
import type { HttpTransport } from './keep-alive-transport';
import { NoResponseError, sendRequest, type FetchLike, type HttpResponse } from './send-request';

/** The source answered with a status no retry cures (404, 401, ...), or kept failing. */
export class HttpStatusError extends Error {
  constructor(
    readonly url: string,
    readonly status: number,
    readonly retryable: boolean,
  ) {
    super(`${url} answered HTTP ${status}${retryable ? ' after every retry' : ''}`);
    this.name = 'HttpStatusError';
  }
}

/** A 2xx answer whose body is not JSON (an HTML error page, a truncated body), also after every retry. */
export class InvalidJsonError extends Error {
  constructor(
    readonly url: string,
    readonly bodyStart: string,
    options?: { cause?: unknown },
  ) {
    super(`${url} answered with a body that is not JSON (starts ${JSON.stringify(bodyStart)})`, options);
    this.name = 'InvalidJsonError';
  }
}

/** One attempt, for metrics: its status (`no-response` when none came) and how long it took. */
export interface JsonAttempt {
  readonly url: string;
  readonly status: number | 'no-response' | 'invalid-json';
  readonly attempt: number;
  readonly ms: number;
}

/** Options of {@link JsonClient}. */
export interface JsonClientOptions {
  readonly fetch: FetchLike;
  /** when set, requests go through it instead of `fetch` (e.g. {@link keepAliveTransport}: less CPU per request) */
  readonly transport?: HttpTransport;
  readonly clock: Clock;
  /** each attempt's limit */
  readonly timeoutMs: number;
  /** retries after the first attempt (0: none) */
  readonly maxRetries: number;
  /** sent with every request (a source asks for a descriptive User-Agent) */
  readonly headers?: Readonly<Record<string, string>>;
  readonly maxBodyBytes?: number;
  readonly backoff?: BackoffOptions;
  /** the longest wait a Retry-After may impose; a longer one is cut to this (default 5 minutes) */
  readonly maxRetryWaitMs?: number;
  /** jitter source (tests pass a constant) */
  readonly random?: () => number;
  readonly log?: Log;
  /** told of every attempt */
  readonly onAttempt?: (attempt: JsonAttempt) => void;
}

/**
 * GETs JSON from a source without credentials, retrying what a later attempt may cure: no response
 * (connection failure, timeout), 429 and 503 (waiting as long as `Retry-After` says), other 5xx,
 * 408 and Cloudflare's 520/522, and a 2xx body that is not JSON (an HTML error page, a truncated
 * body), with jittered exponential backoff on the injected clock. Any other status fails at once
 * with {@link HttpStatusError}. The caller's signal aborts a request and a wait alike. Requests go
 * through `fetch`, or through `transport` when one is given.
 */
export class JsonClient {
  private readonly o: JsonClientOptions;

  constructor(options: JsonClientOptions) {
    this.o = options;
  }

  /** The parsed body of `url` (`null` included: some APIs answer `null` for what does not exist). */
  async getJson(url: string, signal?: AbortSignal): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      const outcome = await this.attempt(url, attempt, signal);
      if (outcome.kind === 'ok') return outcome.value;
      if (outcome.kind === 'fail' || attempt >= this.o.maxRetries) throw outcome.error;
      const wait = outcome.waitMs ?? backoffDelay(attempt, this.o.random ?? Math.random, this.o.backoff ?? DEFAULT_BACKOFF);
      this.o.log?.debug({ url, attempt: attempt + 1, waitMs: wait, err: outcome.error }, 'request failed; retrying');
      await this.o.clock.sleep(wait, signal);
    }
  }

  private async attempt(
    url: string,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<{ kind: 'ok'; value: unknown } | { kind: 'retry'; error: Error; waitMs: number | null } | { kind: 'fail'; error: Error }> {
    const started = this.o.clock.now();
    const report = (status: JsonAttempt['status']) => this.o.onAttempt?.({ url, status, attempt, ms: this.o.clock.now() - started });
    let response: HttpResponse;
    try {
      const request = { method: 'GET' as const, url, headers: { accept: 'application/json', ...this.o.headers } };
      const limits = { timeoutMs: this.o.timeoutMs, signal, maxBodyBytes: this.o.maxBodyBytes };
      response = this.o.transport ? await this.o.transport(request, limits) : await sendRequest(request, { fetch: this.o.fetch, ...limits });
    } catch (error) {
      if (!(error instanceof NoResponseError)) throw error;
      report('no-response');
      return { kind: 'retry', error, waitMs: null };
    }
    if (response.status === 429 || isRetryableStatus(response.status)) {
      report(response.status);
      const asked = retryWaitMs(response.headers, this.o.clock.now());
      const waitMs = asked === null ? null : Math.min(asked, this.o.maxRetryWaitMs ?? 5 * 60_000);
      return { kind: 'retry', error: new HttpStatusError(url, response.status, true), waitMs };
    }
    if (response.status < 200 || response.status > 299) {
      report(response.status);
      return { kind: 'fail', error: new HttpStatusError(url, response.status, false) };
    }
    try {
      const value: unknown = JSON.parse(response.body);
      report(response.status);
      return { kind: 'ok', value };
    } catch (cause) {
      report('invalid-json');
      return { kind: 'retry', error: new InvalidJsonError(url, response.body.slice(0, 40), { cause }), waitMs: null };
    }
  }
}
