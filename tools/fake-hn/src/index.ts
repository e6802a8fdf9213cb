export { FakeHackerNews } from './fake-hn';
export type {
  BurstSpec,
  FakeClockLike,
  FakeHackerNewsAddress,
  FakeHackerNewsOptions,
  FakeHackerNewsStats,
  FakeHnItem,
  FaultRates,
  HnItemType,
  RequestCounts,
  RequestLogEntry,
} from './fake-hn.types';
export type { DrawnFaultKind, FaultEndpoint, FaultKind, FaultSpec } from './faults';
export type { ApiRequest, ApiResponsePlan } from './api-responses';
export { FAKE_HN_DEFAULTS } from './fake-hn-options';
export { STORY_LIST_LIMIT } from './lists';
export { FakeHackerNewsConfigError, FakeHackerNewsError, FakeHackerNewsUsageError } from './errors';
