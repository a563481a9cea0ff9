import type { DocumentPatch, DocumentRepository, Metrics, ProcessingStage } from '@docent/domain';
import { intercept } from './intercept.ts';

/** The stages that do work; `queued`, `done` and `failed` are states, not durations worth timing. */
const TIMED_STAGES: ReadonlySet<ProcessingStage> = new Set(['extracting', 'chunking', 'embedding', 'indexing']);

interface StageStart {
  stage: ProcessingStage;
  since: number;
}

/**
 * Reads the processing pipeline from the outside, through the documents' updates: a document
 * created is an upload; a change of `progress.stage` ends the previous stage (its duration is
 * observed); `ready` is a processed document and `failed` a failure under its reason code, whether
 * the pipeline refused the file or the job runner gave up. Stage starts are kept in memory by
 * document id (never exported) and forgotten when the document finishes or disappears.
 */
export const measuredDocumentRepository = (
  inner: DocumentRepository,
  metrics: Metrics,
  now: () => number,
): DocumentRepository => {
  const started = new Map<string, StageStart>();

  const recordStage = (documentId: string, stage: ProcessingStage): void => {
    const previous = started.get(documentId);
    if (previous?.stage === stage) return;
    if (previous !== undefined && TIMED_STAGES.has(previous.stage)) {
      metrics.observe('processingStageSeconds', (now() - previous.since) / 1000, { stage: previous.stage });
    }
    if (TIMED_STAGES.has(stage)) started.set(documentId, { stage, since: now() });
    else started.delete(documentId);
  };

  const recordOutcome = (patch: DocumentPatch): void => {
    if (patch.status === 'ready') metrics.increment('documentsProcessed', {});
    if (patch.status === 'failed') metrics.increment('documentsFailed', { reason: patch.error?.code ?? 'unknown' });
  };

  return intercept<DocumentRepository>(inner, {
    async create(document) {
      await inner.create(document);
      metrics.increment('documentsUploaded', {});
    },
    async update(ownerId, documentId, patch) {
      const updated = await inner.update(ownerId, documentId, patch);
      if (updated === null) {
        started.delete(documentId);
        return null;
      }
      if (patch.progress !== undefined) recordStage(documentId, patch.progress.stage);
      recordOutcome(patch);
      return updated;
    },
    async delete(ownerId, documentId) {
      started.delete(documentId);
      return inner.delete(ownerId, documentId);
    },
  });
};
