/** What every fault has: how many matching requests it applies to (default 1). */
export interface CountedFault {
  readonly count?: number;
}

interface QueuedFault<S> {
  readonly spec: S;
  remaining: number;
}

/**
 * A queue of injected faults: each request takes the first queued fault that matches it, whatever
 * the request's outcome turns out to be; a fault leaves the queue after `count` requests.
 * `matches` says whether a fault applies to a request (`target`: what the request is);
 * `check` returns why a fault is invalid, if it is.
 */
export class FaultQueue<S extends CountedFault, T extends readonly unknown[]> {
  private readonly queue: QueuedFault<S>[] = [];

  constructor(
    private readonly matches: (spec: S, ...target: T) => boolean,
    private readonly check: (spec: S) => string | undefined = () => undefined,
  ) {}

  /** Appends faults in order; throws a `RangeError` (queueing none of them) when one is invalid. */
  push(specs: readonly S[]): void {
    const checked = specs.map((spec) => {
      const remaining = spec.count ?? 1;
      if (!Number.isInteger(remaining) || remaining < 1) throw new RangeError(`fault count must be a whole number >= 1, got ${spec.count}`);
      const problem = this.check(spec);
      if (problem !== undefined) throw new RangeError(problem);
      return { spec, remaining };
    });
    this.queue.push(...checked);
  }

  /** Takes the fault for a request, if one is queued for it. */
  take(...target: T): S | undefined {
    if (this.queue.length === 0) return undefined;
    const index = this.queue.findIndex(({ spec }) => this.matches(spec, ...target));
    const fault = this.queue[index];
    if (fault === undefined) return undefined;
    if (--fault.remaining === 0) this.queue.splice(index, 1);
    return fault.spec;
  }

  /** Requests still to be faulted. */
  pending(): number {
    return this.queue.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  /** Forgets every queued fault. */
  clear(): void {
    this.queue.length = 0;
  }
}

/** The part of a fake's public API that drives its fault queue. */
export abstract class FaultInjection<S extends CountedFault> {
  /** the fake's queue */
  protected abstract faultQueue(): { push(specs: readonly S[]): void; pending(): number; clear(): void };

  /** Queues faults for the next matching requests. */
  injectFaults(spec: S | readonly S[]): void {
    this.faultQueue().push((Array.isArray(spec) ? spec : [spec]) as readonly S[]);
  }

  /** Requests still to be faulted. */
  pendingFaults(): number {
    return this.faultQueue().pending();
  }

  /** Forgets the queued faults. */
  clearFaults(): void {
    this.faultQueue().clear();
  }
}
