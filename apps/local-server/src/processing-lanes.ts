import { JOB_LANES } from '@docent/domain';
import type { LocalConfig } from './config.ts';
import type { JobLane } from './job-worker.ts';

/**
 * The background worker's lanes: loops for the fast stages (extract, chunk, index: seconds, after
 * which a document is searchable) and loops for embedding (minutes), so a batch's documents all
 * become searchable while earlier ones embed, and embedding still runs `embeddingConcurrency`
 * documents at a time in the queue's fair order.
 */
export const processingLanes = (
  config: Pick<LocalConfig, 'processingConcurrency' | 'embeddingConcurrency'>,
): JobLane[] => [
  { names: JOB_LANES.stages, concurrency: config.processingConcurrency },
  { names: JOB_LANES.embedding, concurrency: config.embeddingConcurrency },
];
