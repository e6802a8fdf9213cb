export type { Submission, EngagementObservation, RemovalCategory } from './lib/submission';
export type { RedditComment } from './lib/comment';
export type { ScrapeCheckpoint, ScrapeGap } from './lib/scrape-state';
export type { HnItem } from './lib/hn/hn-item';
export { stripNul, replaceLoneSurrogates, toStorableText, toStorableDeep, toStorableDeepIfNeeded, isStorableDeep, hasRefusedEscape } from './lib/text';
export { sourcePayloadOf, type HoldsSourcePayload, type RawJson } from './lib/source-payload';
export { MAX_FUTURE_SKEW_MS } from './lib/limits';
export {
  normalizeT3,
  normalizeT3Thing,
  isDeletedOnReddit,
  type NormalizeResult,
  type NormalizeOptions,
} from './lib/reddit/normalize-t3';
export {
  normalizeT1,
  normalizeT1Thing,
  isCommentDeletedOnReddit,
  type NormalizeT1Result,
} from './lib/reddit/normalize-t1';
export { retrievedAtOf, archiveKindOf, type ArchiveLineKind } from './lib/reddit/archive-line';
export { parseRedditStreamKey, redditStreamKey, type RedditStream, type RedditStreamKind } from './lib/reddit/stream-keys';
export { HN_ITEM_TYPES, type HnApiItem, type HnItemType } from './lib/hn/hn-api-item';
export { hnHtmlToText, hnTitleToText } from './lib/hn/hn-html';
export {
  normalizeHnItem,
  isHnAbsent,
  type HnNormalizeResult,
  type HnNormalizeOptions,
  type HnRejection,
  type HnAbsent,
} from './lib/hn/normalize-hn-item';
export {
  resolveHnStoryId,
  MAX_HN_THREAD_DEPTH,
  type HnAncestor,
  type HnAncestorLookup,
  type HnStoryResolution,
} from './lib/hn/hn-story-id';
