import type { DocumentRecord } from '../entities/document.ts';
import { JOB_NAMES } from '../jobs/pipeline.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { ProcessDocumentPayload } from './contracts.ts';

/**
 * Puts a document back in line for processing, as retry, reindex and the sweeper do: `uploaded`
 * with its error cleared and progress `queued`, and a `document.process` job under `key`. The key
 * must be new each time: the queue refuses a key it has done, and the first run's job is done.
 * `sweeps` is the sweeper's attempt count to record (0 for a fresh start by the owner). Null when
 * the document is gone. Call it inside the caller's unit of work.
 */
export const requeueDocument = async (
  deps: { documents: DocumentRepository; jobs: JobQueue },
  document: DocumentRecord,
  job: { key: string; sweeps: number },
): Promise<DocumentRecord | null> => {
  const reset = await deps.documents.update(document.ownerId, document.id, {
    status: 'uploaded',
    error: null,
    progress: { stage: 'queued', done: 0, total: 1 },
    sweeps: job.sweeps,
  });
  if (reset === null) return null;
  const payload: ProcessDocumentPayload = { ownerId: document.ownerId, documentId: document.id };
  await deps.jobs.enqueue({
    name: JOB_NAMES.processDocument,
    key: job.key,
    payload: { ...payload },
    group: document.ownerId,
    sizeBytes: document.size,
  });
  return reset;
};
