export { FakeReddit } from './fake-reddit';
export type {
  FakeClientSpec,
  FakeClockLike,
  FakeComment,
  FakePost,
  FakeRedditAddress,
  FakeRedditOptions,
  FakeRedditStats,
  RateLimitSpec,
  RemovedByCategory,
  RequestCounts,
  RequestLogEntry,
  SubredditSpec,
  SubredditStatus,
} from './fake-reddit.types';
export type { FaultPath, FaultSpec } from './faults';
export type { PostCorruption } from './post-store';
export type { ApiRequest, ApiResponsePlan } from './api-responses';
export { FAKE_REDDIT_DEFAULTS } from './fake-reddit-options';
export { DEFAULT_CLIENT, INSTALLED_CLIENT_GRANT } from './oauth';
export { DEFAULT_RATE_LIMIT } from './rate-limit-window';
export { FakeRedditConfigError, FakeRedditError } from './errors';
