import type { DocumentRecord } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import { processJobKey } from '../jobs/pipeline.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { ReindexDocumentsUseCase, ReindexOutcome } from './contracts.ts';
import { requeueDocument } from './requeue-document.ts';

/** What a reindex touches: the same as a retry's. */
export interface ReindexDocumentsDeps {
  documents: DocumentRepository;
  jobs: JobQueue;
  /** Names each reindex's jobs, so they are not deduplicated against the documents' finished runs. */
  ids: Ids;
  /** Makes "check the status, reset it and enqueue" one step per document. */
  unitOfWork: UnitOfWork;
}

const PAGE = 100;

/**
 * Processes every finished (`ready` or `failed`) document of the caller again through the one
 * `document.process` job, e.g. after the embedder or the pipeline version changed. Documents still
 * queued or processing are left alone: their running job already uses the current code.
 * Processing replaces a document's chunks, vectors and index entries rather than adding to them.
 */
export class ReindexDocuments implements ReindexDocumentsUseCase {
  readonly #deps: ReindexDocumentsDeps;

  constructor(deps: ReindexDocumentsDeps) {
    this.#deps = deps;
  }

  async execute(principal: Principal): Promise<ReindexOutcome> {
    const finished: DocumentRecord[] = [];
    let skipped = 0;
    let cursor: string | undefined;
    do {
      const page = await this.#deps.documents.list(principal.userId, { limit: PAGE, ...(cursor && { cursor }) });
      for (const document of page.items) {
        if (document.status === 'ready' || document.status === 'failed') finished.push(document);
        else skipped += 1;
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    // Collected first, then reset: resetting while paging could reorder the pages under the cursor.
    const queued: DocumentRecord[] = [];
    const runId = this.#deps.ids.newId();
    for (const document of finished) {
      const reset = await this.#requeue(document, runId);
      if (reset === null) skipped += 1;
      else queued.push(reset);
    }
    return { queued, skipped };
  }

  async #requeue(document: DocumentRecord, runId: string): Promise<DocumentRecord | null> {
    const { documents, jobs, unitOfWork } = this.#deps;
    return unitOfWork.run(async () => {
      const current = await documents.get(document.ownerId, document.id);
      if (current === null || (current.status !== 'ready' && current.status !== 'failed')) return null;
      // Content hash and pipeline version name the work; the run id keeps a second reindex from being deduplicated.
      return requeueDocument({ documents, jobs }, current, {
        key: `${processJobKey(current.id, current.sha256)}:reindex:${runId}`,
        sweeps: 0,
      });
    });
  }
}
