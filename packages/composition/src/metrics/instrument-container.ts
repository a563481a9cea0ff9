import { type Metrics, TOKENS } from '@docent/domain';
import type { Container } from 'inversify';
import { measuredAskQuestion } from './measured-ask-question.ts';
import { measuredDocumentRepository } from './measured-document-repository.ts';
import { measuredEmbedder } from './measured-embedder.ts';
import { measuredJobQueue } from './measured-job-queue.ts';

/** Options of `instrumentContainer`. */
export interface InstrumentOptions {
  /** Milliseconds from a monotonic clock (default `performance.now`). */
  now?: () => number;
}

/**
 * Records Docent's business metrics without touching the domain: wraps, as the container hands
 * them out, the document repository (uploads, stage durations, ready and failed by reason), the job
 * queue (job outcomes), the embedder (throughput) and AskQuestion (questions, abstentions, time).
 * Every use case resolved afterwards gets the measured ports. Call it before anything is resolved.
 */
export const instrumentContainer = (container: Container, metrics: Metrics, options: InstrumentOptions = {}): void => {
  const now = options.now ?? (() => performance.now());
  container.onActivation(TOKENS.DocumentRepository, (_, inner) => measuredDocumentRepository(inner, metrics, now));
  container.onActivation(TOKENS.JobQueue, (_, inner) => measuredJobQueue(inner, metrics));
  container.onActivation(TOKENS.Embedder, (_, inner) => measuredEmbedder(inner, metrics, now));
  container.onActivation(TOKENS.AskQuestion, (_, inner) => measuredAskQuestion(inner, metrics, now));
};
