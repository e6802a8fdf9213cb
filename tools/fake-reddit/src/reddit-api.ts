import { errorResponse, jsonResponse, type ApiRequest, type ApiResponsePlan } from './api-responses';
import type { FakeClockLike, FakeRedditStats, RateLimitSpec, RequestCounts } from './fake-reddit.types';
import { breakItems, FaultQueue, truncateBody, type FaultSpec } from './faults';
import { UNAUTHORIZED_BODY, type TokenRegistry } from './oauth';
import type { CommentStore } from './comment-store';
import type { PostStore } from './post-store';
import { consumeRequest, rateLimitHeaders, readWindow, type RateWindow } from './rate-limit-window';
import { commentsListingResponse, infoResponse, listingResponse, searchResponse } from './reddit-endpoints';
import { routeOf, type Route } from './routes';
import { isGenericUserAgent } from './user-agent';

/** Reddit's challenge on a bad bearer token. */
const INVALID_TOKEN_CHALLENGE = { 'www-authenticate': 'Bearer realm="reddit", error="invalid_token"' };

/**
 * The request pipeline of the fake, free of sockets: route, user-agent check, injected fault,
 * token endpoint or bearer check, rate limit, endpoint. Returns what the server must send.
 */
export class RedditApi {
  readonly faults = new FaultQueue();
  private readonly windows = new Map<string, RateWindow>();
  private readonly counts: RequestCounts = {};

  constructor(
    private readonly options: {
      readonly clock: FakeClockLike;
      readonly store: PostStore;
      readonly comments: CommentStore;
      readonly tokens: TokenRegistry;
      readonly rateLimit: RateLimitSpec | false;
      readonly clientIds: readonly string[];
    },
  ) {}

  /** Handles one request and counts it in the statistics. */
  handle(request: ApiRequest): ApiResponsePlan {
    const url = new URL(request.url, 'http://127.0.0.1');
    const plan = this.respond(request, url, routeOf(request.method, url.pathname));
    const byStatus = (this.counts[plan.endpoint] ??= {});
    const key = plan.drop ? 'dropped' : String(plan.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    return plan;
  }

  /** Requests by endpoint and status, tokens issued and each client's rate-limit reading. */
  stats(): FakeRedditStats {
    const { rateLimit, clientIds, clock, tokens } = this.options;
    const readings: FakeRedditStats['rateLimit'] = {};
    if (rateLimit !== false) {
      for (const id of clientIds) readings[id] = { ...readWindow(this.windows.get(id), clock.now(), rateLimit) };
    }
    const requests = Object.fromEntries(Object.entries(this.counts).map(([endpoint, byStatus]) => [endpoint, { ...byStatus }]));
    return { requests, tokensIssued: tokens.issued, rateLimit: readings };
  }

  private respond(request: ApiRequest, url: URL, route: Route): ApiResponsePlan {
    const { endpoint } = route;
    if (endpoint === 'unknown') return errorResponse(endpoint, 404);
    // Reddit throttles library-default user agents outright; the fake picks its 429 over a 403
    if (isGenericUserAgent(request.headers['user-agent'])) return errorResponse(endpoint, 429);
    const fault = endpoint === 'search' ? undefined : this.faults.take(endpoint);
    if (fault !== undefined && 'dropConnection' in fault) return { endpoint, status: 0, headers: {}, body: '', drop: true };
    if (fault !== undefined && 'status' in fault) return faultResponse(route, fault);
    const plan = this.authorized(request, url, route, fault);
    return fault !== undefined && 'delayMs' in fault ? { ...plan, delayMs: fault.delayMs } : plan;
  }

  private authorized(request: ApiRequest, url: URL, route: Route, fault: FaultSpec | undefined): ApiResponsePlan {
    const { endpoint } = route;
    if (endpoint === 'token') {
      const grant = this.options.tokens.grant(request.headers['authorization'], new URLSearchParams(request.body));
      return corrupt(jsonResponse(endpoint, grant.status, grant.body), fault);
    }
    const clientId = this.options.tokens.clientOf(request.headers['authorization']);
    if (clientId === null) return jsonResponse(endpoint, 401, UNAUTHORIZED_BODY, INVALID_TOKEN_CHALLENGE);
    const headers = this.countRequest(clientId);
    if (headers === null) return errorResponse(endpoint, 429, this.rateHeaders(clientId));
    const now = this.options.clock.now();
    const malformedItems = fault !== undefined && 'malformedItems' in fault ? fault.malformedItems : 0;
    const breakChildren = <T extends { data: Record<string, unknown> }>(children: readonly T[]) => breakItems(children, malformedItems);
    const context = { store: this.options.store, comments: this.options.comments, params: url.searchParams, now, headers, breakChildren };
    if (route.endpoint === 'listing') return corrupt(listingResponse(route.subreddits, context), fault);
    if (route.endpoint === 'comments') return corrupt(commentsListingResponse(route.subreddits, context), fault);
    if (route.endpoint === 'info') return corrupt(infoResponse(context), fault);
    return searchResponse(context);
  }

  /** Counts a request against the client's window: its headers, or `null` when the budget is spent. */
  private countRequest(clientId: string): Record<string, string> | null {
    const { rateLimit, clock } = this.options;
    if (rateLimit === false) return {};
    const decision = consumeRequest(this.windows.get(clientId), clock.now(), rateLimit);
    this.windows.set(clientId, decision.window);
    return decision.allowed ? rateLimitHeaders(decision.reading) : null;
  }

  private rateHeaders(clientId: string): Record<string, string> {
    const { rateLimit, clock } = this.options;
    return rateLimit === false ? {} : rateLimitHeaders(readWindow(this.windows.get(clientId), clock.now(), rateLimit));
  }
}

/** An injected error status: no rate-limit headers; 5xx bodies are HTML, as from Reddit's CDN. */
function faultResponse(route: Route, fault: FaultSpec & { status: number }): ApiResponsePlan {
  if (fault.status === 429) {
    const retryAfter = 'retryAfterSeconds' in fault && fault.retryAfterSeconds !== undefined;
    return errorResponse(route.endpoint, 429, retryAfter ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
  }
  const body = `<!doctype html><html><head><title>Reddit - ${fault.status}</title></head><body>upstream error ${fault.status}</body></html>`;
  return { endpoint: route.endpoint, status: fault.status, headers: { 'content-type': 'text/html; charset=UTF-8' }, body };
}

/** Applies a `malformedBody` fault to a successful answer. */
function corrupt(plan: ApiResponsePlan, fault: FaultSpec | undefined): ApiResponsePlan {
  if (fault === undefined || !('malformedBody' in fault) || plan.status !== 200) return plan;
  return { ...plan, body: truncateBody(plan.body) };
}
