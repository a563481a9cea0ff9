import type { DocumentRecord } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import { processJobKey } from '../jobs/pipeline.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { RetryDocumentUseCase } from './contracts.ts';
import { documentNotFound } from './document-not-found.ts';
import { requeueDocument } from './requeue-document.ts';

/** What a retry touches. */
export interface RetryDocumentDeps {
  documents: DocumentRepository;
  jobs: JobQueue;
  /** Names each retry's job, so it is not deduplicated against the finished first run. */
  ids: Ids;
  /** Makes "check it failed, reset it and enqueue" one step, so two retries cannot both pass the check. */
  unitOfWork: UnitOfWork;
}

/**
 * The job key of a retry. A document fails for good inside a job that then completes, and the
 * queue refuses a key it has done, so each retry needs a key of its own. Running processing again
 * is safe: it replaces the document's chunks and index entries rather than adding to them.
 */
export const retryJobKey = (document: DocumentRecord, retryId: string): string =>
  `${processJobKey(document.id, document.sha256)}:retry:${retryId}`;

/**
 * Processes a failed document again: it goes back to `uploaded` (queued, error cleared, the
 * sweeper's attempts forgotten) and a `document.process` job is enqueued with the same payload as an upload's.
 */
export class RetryDocument implements RetryDocumentUseCase {
  readonly #deps: RetryDocumentDeps;

  constructor(deps: RetryDocumentDeps) {
    this.#deps = deps;
  }

  /** Throws `document_not_found` for unknown and foreign ids, `conflict` unless the document failed. */
  async execute(principal: Principal, input: { documentId: string }): Promise<DocumentRecord> {
    const { documents, jobs, ids, unitOfWork } = this.#deps;
    return unitOfWork.run(async () => {
      const document = await documents.get(principal.userId, input.documentId);
      if (document === null) throw documentNotFound(input.documentId);
      if (document.status !== 'failed') {
        throw new DocentError('conflict', 'Only a document whose processing failed can be retried.', {
          details: { documentId: document.id, status: document.status },
        });
      }
      const reset = await requeueDocument({ documents, jobs }, document, {
        key: retryJobKey(document, ids.newId()),
        sweeps: 0,
      });
      if (reset === null) throw documentNotFound(input.documentId);
      return reset;
    });
  }
}
