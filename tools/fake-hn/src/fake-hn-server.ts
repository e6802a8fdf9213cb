import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, pathOf } from '@sentiment-ingest/fake-http';
import type { ApiRequest, ApiResponsePlan } from './api-responses';
import type { RequestLogEntry } from './fake-hn.types';

/**
 * The only file of the fake that touches sockets: asks `handle` what to do with each request,
 * then answers (at once: the fast path is synchronous), answers late, answers half, never
 * answers, or destroys the socket. The API is read-only, so request bodies are discarded.
 */
export class FakeHackerNewsServer extends LoopbackServer {
  constructor(
    private readonly options: {
      readonly handle: (request: ApiRequest) => ApiResponsePlan;
      readonly log?: (entry: RequestLogEntry) => void;
    },
  ) {
    super({ name: 'the fake Hacker News server', log: options.log });
  }

  protected override serve(request: IncomingMessage, response: ServerResponse): void {
    const started = Date.now();
    request.resume();
    const plan = this.options.handle({ method: request.method ?? 'GET', url: request.url ?? '/' });
    if (plan.delayMs !== undefined && plan.delayMs > 0) {
      this.delay(plan.delayMs, () => {
        // closed while waiting: the connection is gone
        if (this.listening) this.send(request, response, plan, started);
      });
      return;
    }
    this.send(request, response, plan, started);
  }

  private send(request: IncomingMessage, response: ServerResponse, plan: ApiResponsePlan, started: number): void {
    const log = (status: RequestLogEntry['status']) =>
      this.options.log?.({ method: request.method ?? 'GET', path: pathOf(request), status, ms: Date.now() - started });
    if (plan.hang) {
      // no answer: the client times out, or close() destroys the socket
      response.once('close', () => log('hung'));
      return;
    }
    if (plan.drop) {
      request.socket.destroy();
      log('dropped');
      return;
    }
    const body = Buffer.from(plan.body, 'utf8');
    response.writeHead(plan.status, { ...plan.headers, 'content-length': String(body.length) });
    if (plan.truncateAtBytes !== undefined) {
      // the headers promised the whole body: the client sees the connection end early
      response.write(body.subarray(0, plan.truncateAtBytes), () => request.socket.destroy());
      log(plan.status);
      return;
    }
    response.end(body);
    log(plan.status);
  }
}
