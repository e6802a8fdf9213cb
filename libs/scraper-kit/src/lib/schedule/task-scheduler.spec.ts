import { FakeClock, MemoryLog } from '../../testing';
import { AbortError } from '../time/abort';
import { TaskScheduler, type TaskErrorVerdict } from './task-scheduler';

/** A scheduler on virtual time from 0, its health calls as text, and the runs it made as `key@ms`. */
function setup(options: { autoAdvance?: boolean; onError?: (error: unknown, key: string) => TaskErrorVerdict } = {}) {
  const clock = new FakeClock({ now: 0, autoAdvance: options.autoAdvance ?? true });
  const log = new MemoryLog();
  const health: string[] = [];
  const scheduler = new TaskScheduler({
    clock,
    log,
    failureBackoff: { minMs: 10_000, maxMs: 300_000 },
    health: {
      success: (key, at) => void health.push(`success ${key} ${at}`),
      failure: (key) => void health.push(`failure ${key}`),
      forget: (key) => void health.push(`forget ${key}`),
    },
    onError: options.onError,
  });
  const controller = new AbortController();
  const runs: string[] = [];
  let stopAfter = Infinity;
  /** A task that records its run, stops the scheduler after `stopAfter` runs, then does `work`. */
  const task = (key: string, work: () => number | Promise<number>) => async (): Promise<number> => {
    runs.push(`${key}@${clock.now()}`);
    if (runs.length >= stopAfter) controller.abort();
    return work();
  };
  const run = (runsBeforeStop = Infinity) => {
    stopAfter = runsBeforeStop;
    return scheduler.run(controller.signal);
  };
  return { clock, log, health, scheduler, controller, runs, task, run };
}

const failuresLogged = (log: MemoryLog) => log.lines.filter((l) => l.message === 'poll failed').map((l) => l.fields);

describe('TaskScheduler', () => {
  it('runs the earliest due task, each again after the delay it returns, ties to the task added first', async () => {
    const { scheduler, clock, runs, task, run } = setup();
    scheduler.add('a', task('a', () => 30_000));
    scheduler.add('b', task('b', () => 20_000));
    await run(7);
    expect(runs).toEqual(['a@0', 'b@0', 'b@20000', 'a@30000', 'b@40000', 'a@60000', 'b@60000']);
    expect(clock.sleeps.map((s) => s.deadline)).toEqual([20_000, 30_000, 40_000, 60_000]);
  });

  it('sleeps on the clock until the first run a task was added for', async () => {
    const { scheduler, clock, runs, task, run } = setup();
    scheduler.add('later', task('later', () => 1_000), { at: 5_000 });
    await run(1);
    expect(runs).toEqual(['later@5000']);
    expect(clock.sleeps).toEqual([{ start: 0, ms: 5_000, deadline: 5_000 }]);
  });

  it('tells the health port of each success at the time the task ended', async () => {
    const { scheduler, clock, health, task, run } = setup();
    scheduler.add('a', task('a', async () => {
      await clock.sleep(1_500);
      return 10_000;
    }));
    await run(2);
    expect(health).toEqual(['success a 1500', 'success a 13000']);
  });

  it('backs off a failing task, doubling its wait, and starts over after a success', async () => {
    const { scheduler, health, log, runs, task, run } = setup();
    const results = [false, false, false, true, false];
    scheduler.add('a', task('a', () => {
      if (!results.shift()) throw new Error('boom');
      return 10_000;
    }));
    await run(5);
    expect(runs).toEqual(['a@0', 'a@20000', 'a@60000', 'a@140000', 'a@150000']);
    expect(failuresLogged(log).map(({ stream, failures, retryInMs }) => ({ stream, failures, retryInMs }))).toEqual([
      { stream: 'a', failures: 1, retryInMs: 20_000 },
      { stream: 'a', failures: 2, retryInMs: 40_000 },
      { stream: 'a', failures: 3, retryInMs: 80_000 },
      { stream: 'a', failures: 1, retryInMs: 20_000 },
    ]);
    expect(failuresLogged(log)[0]?.['err']).toEqual(new Error('boom'));
    expect(health).toEqual(['failure a', 'failure a', 'failure a', 'success a 140000', 'failure a']);
  });

  it("retries a failed task after its own retry delay when it has one", async () => {
    const { scheduler, log, runs, task, run } = setup();
    scheduler.add('round', task('round', () => {
      throw new Error('boom');
    }), { retryDelayMs: () => 60_000 });
    await run(3);
    expect(runs).toEqual(['round@0', 'round@60000', 'round@120000']);
    expect(failuresLogged(log).map((f) => f['retryInMs'])).toEqual([60_000, 60_000, 60_000]);
  });

  it('rejects with an error the source calls fatal, without counting it or logging the stop', async () => {
    const fatal = new Error('credentials refused');
    const { scheduler, health, log, task, run } = setup({ onError: (error) => (error === fatal ? 'fatal' : 'failure') });
    scheduler.add('a', task('a', () => {
      throw fatal;
    }));
    await expect(run()).rejects.toBe(fatal);
    expect(health).toEqual([]);
    expect(log.lines).toEqual([]);
  });

  it('lets the source handle an error by replacing the task, with nothing counted as a failure', async () => {
    const { scheduler, health, log, runs, task, run } = setup({
      onError: (_error, key) => {
        scheduler.remove(key);
        scheduler.add('a', task('a', () => 10_000));
        scheduler.add('b', task('b', () => 10_000));
        return 'handled';
      },
    });
    scheduler.add('a+b', task('a+b', () => {
      throw new Error('one of a, b is gone');
    }));
    await run(3);
    expect(runs).toEqual(['a+b@0', 'a@0', 'b@0']);
    expect(scheduler.keys()).toEqual(['a', 'b']);
    expect(health).toEqual(['forget a+b', 'success a 0', 'success b 0']);
    expect(failuresLogged(log)).toEqual([]);
  });

  it('runs a handled task the source left in place again after the backoff, uncounted', async () => {
    const { scheduler, health, log, runs, task, run } = setup({ onError: () => 'handled' });
    scheduler.add('a', task('a', () => {
      throw new Error('handled elsewhere');
    }));
    await run(3);
    expect(runs).toEqual(['a@0', 'a@10000', 'a@20000']);
    expect(health).toEqual([]);
    expect(failuresLogged(log)).toEqual([]);
  });

  it('stops at once when aborted while idle, running nothing', async () => {
    const { scheduler, clock, controller, log, runs, task } = setup({ autoAdvance: false });
    scheduler.add('a', task('a', () => 10_000), { at: 60_000 });
    const running = scheduler.run(controller.signal);
    await clock.whenSleeping();
    controller.abort();
    await running;
    expect(runs).toEqual([]);
    expect(clock.now()).toBe(0);
    expect(log.lines.map((l) => l.message)).toEqual(['scraper stopped']);
  });

  it('lets the task in hand finish when aborted during it, then stops', async () => {
    const { scheduler, controller, health, log, runs, task, run } = setup();
    const seen: boolean[] = [];
    scheduler.add('a', async (signal) => {
      controller.abort();
      seen.push(signal.aborted);
      return task('a', () => 10_000)();
    });
    await run();
    expect(seen).toEqual([true]);
    expect(runs).toEqual(['a@0']);
    expect(health).toEqual(['success a 0']);
    expect(log.lines.map((l) => l.message)).toEqual(['scraper stopped']);
  });

  it('does not count a task cut short by the abort as a failure', async () => {
    const { scheduler, controller, health, log, run } = setup();
    scheduler.add('a', async (signal) => {
      controller.abort();
      throw new AbortError({ cause: signal.reason });
    });
    await run();
    expect(health).toEqual([]);
    expect(log.lines.map((l) => l.message)).toEqual(['scraper stopped']);
  });

  it('wakes for a task added while it sleeps', async () => {
    const { scheduler, clock, controller, runs, task } = setup({ autoAdvance: false });
    scheduler.add('late', task('late', () => 10_000), { at: 60_000 });
    const running = scheduler.run(controller.signal);
    await clock.whenSleeping();
    scheduler.add('now', task('now', () => {
      controller.abort();
      return 10_000;
    }));
    await running;
    expect(runs).toEqual(['now@0']);
  });

  it('sleeps until the next remaining task when the earliest is removed', async () => {
    const { scheduler, clock, controller, health } = setup({ autoAdvance: false });
    scheduler.add('a', async () => 10_000, { at: 10_000 });
    scheduler.add('b', async () => 10_000, { at: 50_000 });
    const running = scheduler.run(controller.signal);
    await clock.whenSleeping();
    expect(scheduler.remove('a')).toBe(true);
    await clock.whenSleeping();
    expect(clock.sleeps.map((s) => s.deadline)).toEqual([10_000, 50_000]);
    expect(health).toEqual(['forget a']);
    controller.abort();
    await running;
  });

  it('waits with nothing scheduled until a task is added', async () => {
    const { scheduler, controller, runs, task } = setup({ autoAdvance: false });
    const running = scheduler.run(controller.signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toEqual([]);
    scheduler.add('a', task('a', () => {
      controller.abort();
      return 10_000;
    }));
    await running;
    expect(runs).toEqual(['a@0']);
  });

  it('ignores the outcome of a task removed while it ran', async () => {
    const { scheduler, controller, health, run } = setup();
    scheduler.add('a', async () => {
      scheduler.remove('a');
      controller.abort();
      return 10_000;
    });
    await run();
    expect(health).toEqual(['forget a']);
    expect(scheduler.keys()).toEqual([]);
  });

  it('refuses a second task under a key already scheduled', () => {
    const { scheduler } = setup();
    scheduler.add('a', async () => 1_000);
    expect(() => scheduler.add('a', async () => 1_000)).toThrow('a task "a" is already scheduled; remove it first');
    expect(scheduler.remove('b')).toBe(false);
  });

  it('refuses to run twice at once', async () => {
    const { scheduler, clock, controller } = setup({ autoAdvance: false });
    scheduler.add('a', async () => 1_000, { at: 60_000 });
    const running = scheduler.run(controller.signal);
    await expect(scheduler.run(controller.signal)).rejects.toThrow('this scheduler is already running');
    await clock.whenSleeping();
    controller.abort();
    await running;
  });
});
