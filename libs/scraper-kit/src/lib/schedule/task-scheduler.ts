import type { Log } from '@sentiment-ingest/runtime';
import type { StreamHealth } from '../health/stream-health';
import { abortable, isAbortError } from '../time/abort';
import type { Clock } from '../time/clock';
import { failureBackoffMs, type FailureBackoff } from './failure-backoff';

/** One run of a task: does its work and resolves to the delay (ms) before its next run. */
export type TaskRun = (signal: AbortSignal) => Promise<number>;

/**
 * What an error thrown by a task means, as the source decides: `fatal` ends {@link TaskScheduler.run}
 * with the error; `handled` means the source dealt with it (e.g. replaced the task); `failure` is
 * counted and retried after the backoff.
 */
export type TaskErrorVerdict = 'fatal' | 'handled' | 'failure';

/** Options of {@link TaskScheduler}. */
export interface TaskSchedulerOptions {
  readonly clock: Clock;
  readonly log: Log;
  /** how long a failing task waits before it runs again (see {@link failureBackoffMs}) */
  readonly failureBackoff: FailureBackoff;
  /** told of each task's successes and failures, and of removed tasks (for /readyz and /metrics) */
  readonly health?: Pick<StreamHealth, 'success' | 'failure' | 'forget'>;
  /** decides what a task's error means; may add and remove tasks (default: every error is a failure) */
  readonly onError?: (error: unknown, key: string) => TaskErrorVerdict;
}

/** Options of one task in {@link TaskScheduler.add}. */
export interface TaskOptions {
  /** first run (ms since the epoch; default now) */
  readonly at?: number;
  /** wait after the task's n-th failure in a row (default: the scheduler's failure backoff) */
  readonly retryDelayMs?: (failures: number) => number;
}

interface Task {
  readonly key: string;
  readonly run: TaskRun;
  readonly retryDelayMs: (failures: number) => number;
  dueAt: number;
  failures: number;
}

/**
 * Runs a scraper's tasks (stream polls, periodic rounds), keyed by stream name in logs and health:
 * one at a time, always the earliest due (ties: the task added first), sleeping on the clock in
 * between. A task resolves to when it wants to run next; a failing one is backed off. Tasks may be
 * added and removed at any time (an idle scheduler wakes to look again). Runs until `signal` aborts:
 * idle, it stops at once; busy, the task in hand gets the signal and finishes first.
 */
export class TaskScheduler {
  private readonly o: TaskSchedulerOptions;
  /** In insertion order, which breaks ties between tasks due at the same time. */
  private readonly tasks = new Map<string, Task>();
  private wake: AbortController | null = null;
  private running = false;

  constructor(options: TaskSchedulerOptions) {
    this.o = options;
  }

  /** Schedules `run` under `key` (unique: remove a task before adding another under its key). */
  add(key: string, run: TaskRun, options: TaskOptions = {}): void {
    if (this.tasks.has(key)) throw new Error(`a task "${key}" is already scheduled; remove it first`);
    const retryDelayMs = options.retryDelayMs ?? ((failures: number) => failureBackoffMs(failures, this.o.failureBackoff));
    this.tasks.set(key, { key, run, retryDelayMs, dueAt: options.at ?? this.o.clock.now(), failures: 0 });
    this.wake?.abort();
  }

  /** Unschedules the task under `key` and forgets its health; false when there was none. */
  remove(key: string): boolean {
    if (!this.tasks.delete(key)) return false;
    this.o.health?.forget(key);
    this.wake?.abort();
    return true;
  }

  /** Keys of the scheduled tasks, in the order they were added. */
  keys(): string[] {
    return [...this.tasks.keys()];
  }

  /** Runs tasks until `signal` aborts; rejects with the error of a task when `onError` calls it fatal. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.running) throw new Error('this scheduler is already running');
    this.running = true;
    try {
      while (!signal.aborted) {
        const next = this.earliest();
        const now = this.o.clock.now();
        if (next === null || next.dueAt > now) {
          await this.idle(next === null ? null : next.dueAt - now, signal);
          continue; // time moved or the schedule changed: look again
        }
        await this.runTask(next, signal);
      }
    } finally {
      this.running = false;
    }
    this.o.log.info({}, 'scraper stopped');
  }

  private earliest(): Task | null {
    let best: Task | null = null;
    for (const task of this.tasks.values()) if (best === null || task.dueAt < best.dueAt) best = task;
    return best;
  }

  /** Sleeps `ms` (with nothing scheduled: until a task is added), or less when the schedule changes or `signal` aborts. */
  private async idle(ms: number | null, signal: AbortSignal): Promise<void> {
    const wake = new AbortController();
    const onAbort = (): void => wake.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.wake = wake;
    try {
      if (ms === null) await abortable(new Promise<never>(() => undefined), wake.signal);
      else await this.o.clock.sleep(ms, wake.signal);
    } catch (error) {
      if (!wake.signal.aborted) throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.wake = null;
    }
  }

  private async runTask(task: Task, signal: AbortSignal): Promise<void> {
    let delay: number;
    try {
      delay = await task.run(signal);
    } catch (error) {
      this.failed(task, error, signal);
      return;
    }
    if (this.tasks.get(task.key) !== task) return; // removed or replaced while it ran
    task.failures = 0;
    const now = this.o.clock.now();
    this.o.health?.success(task.key, now);
    task.dueAt = now + delay;
  }

  private failed(task: Task, error: unknown, signal: AbortSignal): void {
    if (signal.aborted && isAbortError(error)) return; // cut short by the shutdown, not a failure
    const verdict = this.o.onError?.(error, task.key) ?? 'failure';
    if (verdict === 'fatal') throw error;
    if (this.tasks.get(task.key) !== task) return; // the source removed or replaced it
    if (verdict === 'handled') {
      // left in place, it waits as after its last failure, uncounted, so a handled error never spins
      task.dueAt = this.o.clock.now() + task.retryDelayMs(task.failures);
      return;
    }
    task.failures += 1;
    this.o.health?.failure(task.key);
    const retryInMs = task.retryDelayMs(task.failures);
    task.dueAt = this.o.clock.now() + retryInMs;
    this.o.log.warn({ stream: task.key, err: error, failures: task.failures, retryInMs }, 'poll failed');
  }
}
