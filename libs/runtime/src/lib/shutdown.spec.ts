import { EventEmitter } from 'node:events';
import { abortOnSignals } from './shutdown';

describe('abortOnSignals', () => {
  it('aborts on the first SIGTERM and forces only on a second signal', () => {
    const source = new EventEmitter();
    const controller = new AbortController();
    const forced: string[] = [];
    const seen: string[] = [];
    abortOnSignals({ controller, source, onSignal: (s) => seen.push(s), force: (s) => forced.push(s) });
    source.emit('SIGTERM');
    expect(controller.signal.aborted).toBe(true);
    expect(seen).toEqual(['SIGTERM']);
    expect(forced).toEqual([]);
    source.emit('SIGINT');
    expect(forced).toEqual(['SIGINT']);
  });

  it('removes its handlers when disposed', () => {
    const source = new EventEmitter();
    const controller = new AbortController();
    const dispose = abortOnSignals({ controller, source, force: () => undefined });
    dispose();
    expect(source.listenerCount('SIGTERM') + source.listenerCount('SIGINT')).toBe(0);
  });
});
