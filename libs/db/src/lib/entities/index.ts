import { ArchiveImportEntity } from './archive-import.entity';
import { CommentKeyEntity } from './comment-key.entity';
import { CommentMetricEntity } from './comment-metric.entity';
import { HnItemKeyEntity } from './hn-item-key.entity';
import { HnItemMetricEntity } from './hn-item-metric.entity';
import { HnItemEntity } from './hn-item.entity';
import { RawCommentEntity } from './raw-comment.entity';
import { RawSubmissionEntity } from './raw-submission.entity';
import { RejectedItemEntity } from './rejected-item.entity';
import { ScrapeCheckpointEntity } from './scrape-checkpoint.entity';
import { ScrapeGapEntity } from './scrape-gap.entity';
import { SubmissionKeyEntity } from './submission-key.entity';
import { SubmissionMetricEntity } from './submission-metric.entity';

export {
  ArchiveImportEntity,
  CommentKeyEntity,
  CommentMetricEntity,
  HnItemEntity,
  HnItemKeyEntity,
  HnItemMetricEntity,
  RawCommentEntity,
  RawSubmissionEntity,
  RejectedItemEntity,
  ScrapeCheckpointEntity,
  ScrapeGapEntity,
  SubmissionKeyEntity,
  SubmissionMetricEntity,
};

/** Every entity of the schema, as the ORM config registers them. */
export const ALL_ENTITIES = [
  RawSubmissionEntity,
  SubmissionMetricEntity,
  SubmissionKeyEntity,
  ScrapeCheckpointEntity,
  ScrapeGapEntity,
  RejectedItemEntity,
  HnItemEntity,
  HnItemMetricEntity,
  HnItemKeyEntity,
  RawCommentEntity,
  CommentMetricEntity,
  CommentKeyEntity,
  ArchiveImportEntity,
];
