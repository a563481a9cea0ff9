import { type Metrics, TOKENS, type Token } from '@docent/domain';
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

/** Replaces what the container hands out for `token` by its wrapped self (once: bindings are singletons). */
const decorate = <T>(container: Container, token: Token<T>, wrap: (inner: T) => T): void => {
  container.onActivation<T>(token, (_, inner) => wrap(inner));
};

/**
 * Records Docent's business metrics without touching the domain: wraps, as the container hands
 * them out, the document repository (uploads, stage durations, ready and failed by reason), the job
 * queue (job outcomes), the embedder (throughput) and AskQuestion (questions, abstentions, time).
 * Every use case resolved afterwards gets the measured ports. Call it before anything is resolved.
 */
export const instrumentContainer = (container: Container, metrics: Metrics, options: InstrumentOptions = {}): void => {
  const now = options.now ?? (() => performance.now());
  decorate(container, TOKENS.DocumentRepository, (inner) => measuredDocumentRepository(inner, metrics, now));
  decorate(container, TOKENS.JobQueue, (inner) => measuredJobQueue(inner, metrics));
  decorate(container, TOKENS.Embedder, (inner) => measuredEmbedder(inner, metrics, now));
  decorate(container, TOKENS.AskQuestion, (inner) => measuredAskQuestion(inner, metrics, now));
};
