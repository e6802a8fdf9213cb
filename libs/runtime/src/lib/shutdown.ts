/** What a shutdown handler needs of the process (injected so tests need no real signals). */
export interface SignalSource {
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
  removeListener(signal: 'SIGTERM' | 'SIGINT', listener: () => void): unknown;
}

/**
 * Turns the first SIGTERM or SIGINT into an aborted signal: loops finish the batch in hand, flush
 * and return (every loop takes an AbortSignal). A second signal calls `force` (the operator
 * insists). Returns a function that removes the handlers.
 */
export function abortOnSignals(options: {
  controller: AbortController;
  source: SignalSource;
  onSignal?: (signal: 'SIGTERM' | 'SIGINT') => void;
  force: (signal: 'SIGTERM' | 'SIGINT') => void;
}): () => void {
  const handlers = new Map<'SIGTERM' | 'SIGINT', () => void>();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    const handler = () => {
      if (options.controller.signal.aborted) {
        options.force(signal);
        return;
      }
      options.onSignal?.(signal);
      options.controller.abort(new Error(`received ${signal}`));
      // listen again so that a second signal reaches `force`
      options.source.once(signal, handler);
    };
    handlers.set(signal, handler);
    options.source.once(signal, handler);
  }
  return () => {
    for (const [signal, handler] of handlers) options.source.removeListener(signal, handler);
  };
}
