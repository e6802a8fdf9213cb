/** Injected faults: a queue of misbehaviours applied to the next matching requests. */
import { FaultQueue as SharedFaultQueue } from '@sentiment-ingest/fake-http';

/** The endpoints a fault can target. */
export type FaultPath = 'listing' | 'comments' | 'info' | 'token';

/** Which requests a fault applies to, and to how many (default 1). */
interface FaultTarget {
  readonly count?: number;
  /** default: the next API request (a listing of posts or comments, or info), never the token endpoint */
  readonly path?: FaultPath;
}

/** One fault. Status faults answer without rate-limit headers, as an edge proxy would. */
export type FaultSpec = FaultTarget &
  (
    | { readonly status: 429; readonly retryAfterSeconds?: number }
    | { readonly status: 500 | 502 | 503 | 504 }
    | { readonly delayMs: number }
    | { readonly malformedBody: true }
    | { readonly malformedItems: number }
    | { readonly dropConnection: true }
  );

/** Endpoints the server tells apart; faults only ever match the first four. */
export type Endpoint = FaultPath | 'search' | 'unknown';

/**
 * The fault queue: each request takes the first queued fault that matches its endpoint, whatever
 * the request's outcome turns out to be; a fault leaves the queue after `count` requests.
 */
export class FaultQueue extends SharedFaultQueue<FaultSpec, [Endpoint]> {
  constructor() {
    super(matches);
  }

  /** Appends faults in order (those before an invalid one stay queued). */
  override push(specs: readonly FaultSpec[]): void {
    for (const spec of specs) super.push([spec]);
  }
}

function matches(spec: FaultSpec, endpoint: Endpoint): boolean {
  return spec.path === undefined ? endpoint === 'listing' || endpoint === 'comments' || endpoint === 'info' : spec.path === endpoint;
}

/** A 200 body cut in the middle: what a connection reset by a proxy after the headers looks like. */
export function truncateBody(body: string): string {
  return body.slice(0, Math.max(1, Math.floor(body.length / 2)));
}

/** The three ways an item breaks, in turn: no `created_utc`, a `created_utc` that is not a number, no `id`. */
const BREAKAGES: readonly ((data: Record<string, unknown>) => void)[] = [
  (data) => delete data['created_utc'],
  (data) => (data['created_utc'] = 'yesterday'),
  (data) => delete data['id'],
];

/**
 * Breaks the data of `count` children of a listing, spread over the page (all of them if fewer),
 * and returns the new children; the input is not changed.
 */
export function breakItems<T extends { readonly data: Record<string, unknown> }>(children: readonly T[], count: number): T[] {
  const broken = Math.min(count, children.length);
  const step = broken > 0 ? children.length / broken : 0;
  const targets = new Set(Array.from({ length: broken }, (_, i) => Math.floor(i * step)));
  let nth = 0;
  return children.map((child, index) => {
    if (!targets.has(index)) return child;
    const data = { ...child.data };
    BREAKAGES[nth++ % BREAKAGES.length]?.(data);
    return { ...child, data };
  });
}
