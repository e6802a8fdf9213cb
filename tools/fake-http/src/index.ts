export { LOOPBACK, LoopbackServer, originFor, pathOf, ServerSlot, type FailedRequestLogEntry, type LoopbackServerOptions } from './loopback-server';
export { FaultInjection, FaultQueue, type CountedFault } from './fault-queue';
export type { HttpResponsePlan } from './response-plan';
export { ManualClock, readWhole, type TestResponse } from './test-client';
export { parseFlags, type FlagValues } from './cli-flags';
export { chance, intBetween, mulberry32, pick, type Random } from './random';
