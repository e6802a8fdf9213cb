import { RawSubmissionEntity } from './raw-submission.entity';
import { ScrapeCheckpointEntity } from './scrape-checkpoint.entity';
import { ScrapeGapEntity } from './scrape-gap.entity';
import { SubmissionMetricEntity } from './submission-metric.entity';

export { RawSubmissionEntity, ScrapeCheckpointEntity, ScrapeGapEntity, SubmissionMetricEntity };

/** Every entity of the schema, as the ORM config registers them. */
export const ALL_ENTITIES = [RawSubmissionEntity, SubmissionMetricEntity, ScrapeCheckpointEntity, ScrapeGapEntity];
