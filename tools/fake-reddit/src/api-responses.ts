import type { HttpResponsePlan } from '@sentiment-ingest/fake-http';
import type { Endpoint } from './faults';

/** What the server must do for one request: a response, possibly late, or a destroyed socket. */
export interface ApiResponsePlan extends HttpResponsePlan {
  readonly endpoint: Endpoint;
}

/** A request as the server read it. Header names are lower case. */
export interface ApiRequest {
  readonly method: string;
  /** path and query string, as in the request line */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
}

const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };

/** A JSON response. */
export function jsonResponse(endpoint: Endpoint, status: number, body: unknown, headers: Record<string, string> = {}): ApiResponsePlan {
  return { endpoint, status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

/** Reddit's error bodies: `{"message": "Not Found", "error": 404}`, with a `reason` for subreddits. */
export function errorResponse(endpoint: Endpoint, status: number, headers: Record<string, string> = {}, reason?: string): ApiResponsePlan {
  const message = STATUS_MESSAGES[status] ?? 'Error';
  const body = reason === undefined ? { message, error: status } : { reason, message, error: status };
  return jsonResponse(endpoint, status, body, headers);
}

/** A redirect without a body. */
export function redirectResponse(endpoint: Endpoint, location: string, headers: Record<string, string> = {}): ApiResponsePlan {
  return { endpoint, status: 302, headers: { ...headers, location, 'content-length': '0' }, body: '' };
}

/** A Listing envelope with Reddit's keys, in Reddit's order. */
export function listingBody(children: readonly unknown[], after: string | null, before: string | null): unknown {
  return { kind: 'Listing', data: { after, dist: children.length, modhash: null, geo_filter: '', children, before } };
}

const STATUS_MESSAGES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
