import { htmlResponse, jsonResponse, type ApiRequest, type ApiResponsePlan } from './api-responses';
import type { ArchiveOptions } from './archive';
import type { FakeHackerNewsStats, RequestCounts } from './fake-hn.types';
import { drawFault, FaultQueue, kindOf, type DrawnFaultKind, type FaultKind, type FaultSpec } from './faults';
import { archiveFacts, generatedFacts } from './item-facts';
import type { ItemStore } from './item-store';
import { NONE } from './item-table';
import { toApiJson } from './item-view';
import type { Lists } from './lists';
import { unitOf } from './prng';
import { routeOf, type Route } from './routes';

const FAULT_SALT = 501;

/**
 * The request pipeline of the fake, free of sockets: route, fault (injected first, else drawn at
 * the configured rates from the request's sequence number), endpoint. Returns what the server
 * must send and counts it.
 */
export class HnApi {
  readonly faults = new FaultQueue();
  private readonly counts: RequestCounts = {};
  private readonly faultCounts: Record<FaultKind, number> = {
    serverError: 0, tooManyRequests: 0, htmlBody: 0, truncatedJson: 0, hang: 0, dropConnection: 0, slow: 0,
  };
  private futureItemRequests = 0;
  private sequence = 0;
  private readonly drawsFaults: boolean;

  constructor(
    private readonly options: {
      readonly store: ItemStore;
      readonly lists: Lists;
      /** `false`: ids below the first answer `null` */
      readonly archive: ArchiveOptions | false;
      readonly faultRates: Readonly<Record<DrawnFaultKind, number>>;
      readonly retryAfterSeconds: number;
    },
  ) {
    this.drawsFaults = Object.values(options.faultRates).some((rate) => rate > 0);
  }

  /** Handles one request and counts it in the statistics. */
  handle(request: ApiRequest): ApiResponsePlan {
    const now = this.options.store.sync();
    const query = request.url.indexOf('?');
    const path = query < 0 ? request.url : request.url.slice(0, query);
    const pretty = query >= 0 && /(?:^|&)print=pretty(?:&|$)/.test(request.url.slice(query + 1));
    const route = routeOf(request.method, path);
    const itemId = route.endpoint === 'item' ? route.id : undefined;
    if (itemId !== undefined) this.countItemRequest(itemId);
    const sequence = this.sequence++;
    let fault = this.faults.take(route.endpoint, itemId);
    if (fault === undefined && this.drawsFaults && route.endpoint !== 'unknown') {
      fault = drawFault(this.options.faultRates, unitOf(this.options.store.options.seed, FAULT_SALT, sequence), this.options.retryAfterSeconds);
    }
    const plan = fault === undefined ? this.answer(route, now, pretty) : this.faulted(route, fault, now, pretty);
    const byStatus = (this.counts[plan.endpoint] ??= {});
    const key = plan.drop ? 'dropped' : plan.hang ? 'hung' : String(plan.status);
    byStatus[key] = (byStatus[key] ?? 0) + 1;
    return plan;
  }

  /** Requests by endpoint and status, faults by kind. */
  stats(): FakeHackerNewsStats {
    const requests = Object.fromEntries(Object.entries(this.counts).map(([endpoint, byStatus]) => [endpoint, { ...byStatus }]));
    return { requests, faults: { ...this.faultCounts }, futureItemRequests: this.futureItemRequests };
  }

  /** The JSON value of an item now: `null` for a hole, an id not visible (yet) or outside the fake. */
  itemValue(id: number, now: number): Record<string, unknown> | null {
    const { store, archive } = this.options;
    const row = store.rowOf(id);
    const facts = row !== NONE ? generatedFacts(store, row, now) : archive === false ? null : archiveFacts(archive, id);
    return facts === null || facts.visibleAtMs > now ? null : toApiJson(store.options.seed, facts);
  }

  private countItemRequest(id: number): void {
    const { store } = this.options;
    const row = store.rowOf(id);
    if (row !== NONE) store.table.requests[row] = (store.table.requests[row] ?? 0) + 1;
    else if (id > store.maxId()) this.futureItemRequests++;
  }

  private answer(route: Route, now: number, pretty: boolean): ApiResponsePlan {
    const { store, lists } = this.options;
    switch (route.endpoint) {
      case 'item':
        return jsonResponse('item', 200, this.itemValue(route.id, now), pretty);
      case 'maxitem':
        return jsonResponse('maxitem', 200, store.maxId(), pretty);
      case 'updates':
        return jsonResponse('updates', 200, lists.updates(now), pretty);
      case 'stories':
        return jsonResponse('stories', 200, route.list === 'new' ? lists.newStories(now) : lists.topStories(now), pretty);
      case 'user':
        return jsonResponse('user', 200, lists.user(route.name, now), pretty);
      case 'unknown':
        // Firebase answers `null` for a path that holds nothing, and refuses writes
        if (route.status === 200) return jsonResponse('unknown', 200, null, pretty);
        if (route.status === 401) return jsonResponse('unknown', 401, { error: 'Permission denied' }, pretty);
        return jsonResponse('unknown', 404, { error: 'Not found: API paths end in .json' }, pretty);
    }
  }

  private faulted(route: Route, fault: FaultSpec, now: number, pretty: boolean): ApiResponsePlan {
    this.faultCounts[kindOf(fault)]++;
    const endpoint = route.endpoint;
    if ('status' in fault) {
      if (fault.status !== 429) return htmlResponse(endpoint, fault.status);
      const retryAfter: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return jsonResponse(endpoint, 429, { error: 'Too Many Requests' }, false, retryAfter);
    }
    if ('htmlBody' in fault) return htmlResponse(endpoint, 200);
    if ('hang' in fault) return { endpoint, status: 0, headers: {}, body: '', hang: true };
    if ('dropConnection' in fault) return { endpoint, status: 0, headers: {}, body: '', drop: true };
    const plan = this.answer(route, now, pretty);
    if ('delayMs' in fault) return { ...plan, delayMs: fault.delayMs };
    return { ...plan, truncateAtBytes: Math.max(1, Math.floor(Buffer.byteLength(plan.body) / 2)) };
  }
}
