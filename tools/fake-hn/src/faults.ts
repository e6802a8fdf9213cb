/**
 * Faults: a queue of misbehaviours injected for the next matching requests (deterministic, for
 * tests), and misbehaviours drawn per request at configured rates (for soak runs and benchmarks).
 */
import { FaultQueue as SharedFaultQueue } from '@sentiment-ingest/fake-http';

/** The endpoints a fault can target. */
export type FaultEndpoint = 'item' | 'maxitem' | 'updates' | 'stories' | 'user';

/** Endpoints the server tells apart; faults only ever match the API's. */
export type Endpoint = FaultEndpoint | 'unknown';

/** What went wrong, as counted in the statistics. */
export type FaultKind = 'serverError' | 'tooManyRequests' | 'htmlBody' | 'truncatedJson' | 'hang' | 'dropConnection' | 'slow';

/** The kinds a rate can draw (`slow` is injected only). */
export type DrawnFaultKind = Exclude<FaultKind, 'slow'>;
export const DRAWN_FAULT_KINDS: readonly DrawnFaultKind[] = ['serverError', 'tooManyRequests', 'htmlBody', 'truncatedJson', 'hang', 'dropConnection'];

/** Which requests a fault applies to, and to how many (default 1). */
interface FaultTarget {
  readonly count?: number;
  /** default: any API request */
  readonly endpoint?: FaultEndpoint;
  /** only requests for this item (implies `endpoint: 'item'`) */
  readonly itemId?: number;
}

/** One fault. */
export type FaultSpec = FaultTarget &
  (
    | { readonly status: 500 | 502 | 503 | 504 }
    /** 429, with `Retry-After` when given */
    | { readonly status: 429; readonly retryAfterSeconds?: number }
    /** 200 with an HTML page, as from a proxy or a maintenance page */
    | { readonly htmlBody: true }
    /** 200 whose headers promise the whole body; half of it arrives, then the connection closes */
    | { readonly truncatedJson: true }
    /** no answer at all, until the client gives up or the fake stops */
    | { readonly hang: true }
    /** the right answer, this late (real time) */
    | { readonly delayMs: number }
    /** the socket is destroyed without an answer */
    | { readonly dropConnection: true }
  );

/** The kind a fault is counted as. */
export function kindOf(spec: FaultSpec): FaultKind {
  if ('status' in spec) return spec.status === 429 ? 'tooManyRequests' : 'serverError';
  if ('htmlBody' in spec) return 'htmlBody';
  if ('truncatedJson' in spec) return 'truncatedJson';
  if ('hang' in spec) return 'hang';
  if ('delayMs' in spec) return 'slow';
  return 'dropConnection';
}

/**
 * The fault queue: each request takes the first queued fault that matches it, whatever the
 * request's outcome turns out to be; a fault leaves the queue after `count` requests.
 */
export class FaultQueue extends SharedFaultQueue<FaultSpec, [endpoint: Endpoint, itemId: number | undefined]> {
  constructor() {
    super(matches, (spec) =>
      spec.itemId !== undefined && spec.endpoint !== undefined && spec.endpoint !== 'item'
        ? `a fault for itemId ${spec.itemId} targets the item endpoint, not ${spec.endpoint}`
        : undefined,
    );
  }
}

function matches(spec: FaultSpec, endpoint: Endpoint, itemId: number | undefined): boolean {
  if (endpoint === 'unknown') return false;
  if (spec.itemId !== undefined) return endpoint === 'item' && itemId === spec.itemId;
  return spec.endpoint === undefined || spec.endpoint === endpoint;
}

/**
 * The fault a uniform draw `u` picks under `rates` (kinds in a fixed order, each taking its share
 * of [0, 1)), or `undefined`: most requests.
 */
export function drawFault(rates: Readonly<Record<DrawnFaultKind, number>>, u: number, retryAfterSeconds: number): FaultSpec | undefined {
  let edge = 0;
  for (const kind of DRAWN_FAULT_KINDS) {
    const rate = rates[kind];
    // where in its share the draw fell picks among a kind's variants (the 5xx statuses)
    if (u < edge + rate) return specOfKind(kind, (u - edge) / rate, retryAfterSeconds);
    edge += rate;
  }
  return undefined;
}

const SERVER_ERRORS = [500, 502, 503, 504] as const;

function specOfKind(kind: DrawnFaultKind, within: number, retryAfterSeconds: number): FaultSpec {
  switch (kind) {
    case 'serverError':
      return { status: SERVER_ERRORS[Math.floor(within * SERVER_ERRORS.length)] ?? 503 };
    case 'tooManyRequests':
      return { status: 429, retryAfterSeconds };
    case 'htmlBody':
      return { htmlBody: true };
    case 'truncatedJson':
      return { truncatedJson: true };
    case 'hang':
      return { hang: true };
    case 'dropConnection':
      return { dropConnection: true };
  }
}
