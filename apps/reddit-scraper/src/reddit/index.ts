/** Public API of the Reddit access layer: the client, its errors and the pieces it is built from. */
export {
  assertValidCredentials,
  credentialsProblems,
  type ClientCredentials,
  type InstalledClientCredentials,
  type PasswordCredentials,
  type RedditCredentials,
} from './credentials';
export {
  errorForResponse,
  RedditAuthError,
  RedditBadRequestError,
  RedditConfigError,
  RedditError,
  RedditMalformedResponseError,
  RedditResponseTooLargeError,
  RedditNetworkError,
  RedditRateLimitedError,
  RedditServerError,
  RedditSubredditUnavailableError,
  STATUS_ERRORS,
  type RedditEndpoint,
} from './errors';
export type { Listing } from './listing';
export { RateLimiter, type RateLimiterOptions, type RateLimitSnapshot } from './rate-limiter';
export {
  RedditClient,
  type RedditClientOptions,
  type RedditObserver,
  type RedditResponseEvent,
} from './reddit-client';
export type { FetchLike } from './reddit-http';
export { MAX_PAGE_SIZE, type ListingPage } from './reddit-urls';
export { assertValidUserAgent, USER_AGENT_EXAMPLE, USER_AGENT_FORM, userAgentProblem } from './user-agent';
