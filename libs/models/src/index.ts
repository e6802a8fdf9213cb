export type { Submission, EngagementObservation, RemovalCategory } from './lib/submission';
export type { ScrapeCheckpoint, ScrapeGap } from './lib/scrape-state';
export { stripNul, replaceLoneSurrogates, toStorableText, toStorableDeep } from './lib/text';
export {
  normalizeT3,
  normalizeT3Thing,
  isDeletedOnReddit,
  MAX_FUTURE_SKEW_MS,
  type NormalizeResult,
  type NormalizeOptions,
} from './lib/reddit/normalize-t3';
