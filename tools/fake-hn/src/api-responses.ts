import type { HttpResponsePlan } from '@sentiment-ingest/fake-http';
import type { Endpoint } from './faults';

/** What the server must do for one request: a response, possibly late or cut, or none at all. */
export interface ApiResponsePlan extends HttpResponsePlan {
  readonly endpoint: Endpoint;
  /** never answer (the client gives up, or the fake stops) */
  readonly hang?: boolean;
  /** send the headers (with the whole body's length) and this many bytes of the body, then close */
  readonly truncateAtBytes?: number;
}

/** A request as the server read it. */
export interface ApiRequest {
  readonly method: string;
  /** path and query string, as in the request line */
  readonly url: string;
}

/** Firebase's headers on a JSON answer. */
const JSON_HEADERS = Object.freeze({
  'content-type': 'application/json; charset=utf-8',
  'access-control-allow-origin': '*',
  'cache-control': 'no-cache',
});

/** A JSON answer; `pretty` indents it as `?print=pretty` asks. */
export function jsonResponse(endpoint: Endpoint, status: number, value: unknown, pretty = false, headers: Record<string, string> = {}): ApiResponsePlan {
  const body = pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value);
  return { endpoint, status, headers: { ...JSON_HEADERS, ...headers }, body };
}

/** An HTML page: what a proxy, a load balancer or a maintenance page answers instead of JSON. */
export function htmlResponse(endpoint: Endpoint, status: number): ApiResponsePlan {
  const title = status === 200 ? 'Service temporarily unavailable' : `Error ${status}`;
  const body = `<!DOCTYPE html>\n<html lang=en><meta charset=utf-8><title>${title}</title><p><b>${status}.</b> <ins>That’s an error.</ins><p>Please try again later.</html>\n`;
  return { endpoint, status, headers: { 'content-type': 'text/html; charset=UTF-8' }, body };
}
