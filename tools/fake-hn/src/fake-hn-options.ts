import { FakeHackerNewsConfigError } from './errors';
import type { BurstSpec, FakeClockLike, FakeHackerNewsOptions } from './fake-hn.types';
import { DRAWN_FAULT_KINDS, type DrawnFaultKind } from './faults';
import type { TraitRates } from './item-traits';

/** Defaults of the options, next to their checks. */
export const FAKE_HN_DEFAULTS = Object.freeze({
  seed: 42,
  firstId: 40_000_000,
  itemsPerMinute: 7,
  bursts: Object.freeze({ everyMinutes: 60, size: 40, spreadSeconds: 20 }),
  nullLagMs: 1500,
  lateRate: 0.002,
  lateLagMs: 120_000,
  holeRate: 0.003,
  deleteRate: 0.02,
  deadRate: 0.02,
  editRate: 0.05,
  updatesWindowSeconds: 120,
  updatesLimit: 100,
  retryAfterSeconds: 1,
  archive: true,
});

/** Options with every default applied, checked and frozen. */
export interface ResolvedOptions {
  readonly clock: FakeClockLike;
  readonly seed: number;
  readonly startAt: number;
  readonly firstId: number;
  readonly itemsPerMinute: number;
  readonly bursts: BurstSpec | false;
  readonly rates: TraitRates;
  readonly updatesWindowSeconds: number;
  readonly updatesLimit: number;
  readonly faultRates: Readonly<Record<DrawnFaultKind, number>>;
  readonly retryAfterSeconds: number;
  readonly archive: boolean;
}

const SYSTEM_CLOCK: FakeClockLike = { now: () => Date.now() };
/** Ids stay below 2^31: the item table stores rows as 32-bit integers. */
const MAX_ID = 2 ** 31 - 1;

/** Applies defaults and reports every invalid option at once. */
export function resolveOptions(options: FakeHackerNewsOptions = {}): ResolvedOptions {
  const problems: string[] = [];
  const d = FAKE_HN_DEFAULTS;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const number = (name: string, value: number, min: number, max: number, whole = false) => {
    const ok = Number.isFinite(value) && value >= min && value <= max && (!whole || Number.isInteger(value));
    if (!ok) problems.push(`${name} must be ${whole ? 'a whole number' : 'a number'} between ${min} and ${max}, got ${value}`);
    return value;
  };
  const share = (name: string, value: number) => number(name, value, 0, 1);
  const seed = number('seed', options.seed ?? d.seed, -(2 ** 31), 2 ** 31 - 1, true);
  const firstId = number('firstId', options.firstId ?? d.firstId, 1, MAX_ID / 2, true);
  const itemsPerMinute = number('itemsPerMinute', options.itemsPerMinute ?? d.itemsPerMinute, 0, 100_000);
  const bursts = options.bursts === false ? false : { ...d.bursts, ...options.bursts };
  if (bursts !== false) {
    number('bursts.everyMinutes', bursts.everyMinutes, 0, 1e6);
    number('bursts.size', bursts.size, 0, 100_000, true);
    number('bursts.spreadSeconds', bursts.spreadSeconds, 0, 86_400);
  }
  const rates: TraitRates = {
    holeRate: share('holeRate', options.holeRate ?? d.holeRate),
    deleteRate: share('deleteRate', options.deleteRate ?? d.deleteRate),
    deadRate: share('deadRate', options.deadRate ?? d.deadRate),
    editRate: share('editRate', options.editRate ?? d.editRate),
    lateRate: share('lateRate', options.lateRate ?? d.lateRate),
    nullLagMs: number('nullLagMs', options.nullLagMs ?? d.nullLagMs, 0, 3_600_000),
    lateLagMs: number('lateLagMs', options.lateLagMs ?? d.lateLagMs, 0, 86_400_000),
  };
  const faultRates = Object.fromEntries(DRAWN_FAULT_KINDS.map((kind) => [kind, share(`faultRates.${kind}`, options.faultRates?.[kind] ?? 0)]));
  const unknownKinds = Object.keys(options.faultRates ?? {}).filter((kind) => !DRAWN_FAULT_KINDS.includes(kind as DrawnFaultKind));
  if (unknownKinds.length > 0) problems.push(`faultRates has unknown kinds ${unknownKinds.join(', ')}; use ${DRAWN_FAULT_KINDS.join(', ')}`);
  const faultSum = Object.values(faultRates).reduce((sum, rate) => sum + rate, 0);
  if (faultSum > 1) problems.push(`faultRates must add up to at most 1, got ${faultSum}`);
  const updatesWindowSeconds = number('updatesWindowSeconds', options.updatesWindowSeconds ?? d.updatesWindowSeconds, 1, 86_400);
  const updatesLimit = number('updatesLimit', options.updatesLimit ?? d.updatesLimit, 1, 100_000, true);
  const retryAfterSeconds = number('retryAfterSeconds', options.retryAfterSeconds ?? d.retryAfterSeconds, 0, 86_400, true);
  const startAt = options.startAt ?? clock.now();
  if (!Number.isFinite(startAt)) problems.push(`startAt must be an instant in ms, got ${startAt}`);
  if (problems.length > 0) throw new FakeHackerNewsConfigError(problems);
  return Object.freeze({
    clock,
    seed,
    startAt,
    firstId,
    itemsPerMinute,
    bursts: bursts === false ? false : Object.freeze(bursts),
    rates: Object.freeze(rates),
    updatesWindowSeconds,
    updatesLimit,
    faultRates: Object.freeze(faultRates as Record<DrawnFaultKind, number>),
    retryAfterSeconds,
    archive: options.archive ?? d.archive,
  });
}
