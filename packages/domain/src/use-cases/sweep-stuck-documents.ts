import type { DocumentRecord } from '../entities/document.ts';
import type { JobHandler } from '../jobs/job-handler.ts';
import { processJobKey } from '../jobs/pipeline.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { SweepOutcome, SweepStuckDocumentsUseCase, SweptDocument } from './contracts.ts';
import { requeueDocument } from './requeue-document.ts';

/** What a sweep reads and writes. */
export interface SweepStuckDocumentsDeps {
  documents: DocumentRepository;
  blobs: BlobStore;
  jobs: JobQueue;
  /** Names each sweep's job, so it is not deduplicated against the stuck run's. */
  ids: Ids;
  clock: Clock;
  /** Makes "check it is still stuck, reset it and enqueue" one step where the backend can. */
  unitOfWork: UnitOfWork;
  /** The `document.process` handler: giving up marks the document failed and purges what it wrote. */
  processor: Pick<JobHandler, 'giveUp'>;
}

/** When a document counts as stuck, and how often it is tried again. */
export interface SweepStuckDocumentsOptions {
  /**
   * A `processing` document whose record has not changed for this long is stuck (default 2 hours).
   * Processing writes progress every few seconds, so only a run that was stopped stays quiet this
   * long; on AWS it must exceed the queue's visibility timeout, or the sweeper races the queue's own redelivery.
   */
  leaseMs?: number;
  /**
   * An `uploaded` document unchanged for this long is stuck (default 1 hour): its bytes never arrived
   * (a presigned upload abandoned; it must exceed the upload URL's lifetime) or its job was lost.
   */
  graceMs?: number;
  /** Times the sweeper queues one document again before marking it `failed` (default 2). */
  maxAttempts?: number;
  /** Most stuck documents handled per run, so one run stays short (default 200); the next run goes on. */
  maxDocuments?: number;
}

const MINUTE = 60_000;
const PAGE = 50;

/** The job key of a sweep: content hash and pipeline version, and an id of its own. */
export const sweepJobKey = (document: DocumentRecord, sweepId: string): string =>
  `${processJobKey(document.id, document.sha256)}:sweep:${sweepId}`;

/** Unchanged since listed: the listing comes from an index that may lag, so each document is read again. */
const unchanged = (listed: DocumentRecord, current: DocumentRecord | null): current is DocumentRecord =>
  current !== null &&
  current.status === listed.status &&
  (current.sweeps ?? 0) === (listed.sweeps ?? 0) &&
  JSON.stringify(current.progress) === JSON.stringify(listed.progress);

/**
 * Recovers documents that nothing will move any more: a processing run killed by its time limit
 * leaves `processing`; a presigned upload whose bytes never came, or a lost queue message, leaves
 * `uploaded`. Each is queued again (bounded by `maxAttempts`, counted in `sweeps`) or, when its
 * bytes are missing or its attempts are used up, marked `failed` with a reason code.
 */
export class SweepStuckDocuments implements SweepStuckDocumentsUseCase {
  readonly #deps: SweepStuckDocumentsDeps;
  readonly #leaseMs: number;
  readonly #graceMs: number;
  readonly #maxAttempts: number;
  readonly #maxDocuments: number;

  constructor(deps: SweepStuckDocumentsDeps, options: SweepStuckDocumentsOptions = {}) {
    this.#deps = deps;
    this.#leaseMs = options.leaseMs ?? 120 * MINUTE;
    this.#graceMs = options.graceMs ?? 60 * MINUTE;
    this.#maxAttempts = Math.max(0, options.maxAttempts ?? 2);
    this.#maxDocuments = Math.max(1, options.maxDocuments ?? 200);
  }

  async execute(): Promise<SweepOutcome> {
    const outcome: SweepOutcome = { requeued: [], failed: [], skipped: 0 };
    const now = this.#deps.clock.now().getTime();
    let budget = this.#maxDocuments;
    for (const [status, ageMs] of [
      ['processing', this.#leaseMs],
      ['uploaded', this.#graceMs],
    ] as const) {
      if (budget <= 0) break;
      const changedBefore = new Date(now - ageMs).toISOString();
      let cursor: string | undefined;
      do {
        const limit = Math.min(PAGE, budget);
        const page = await this.#deps.documents.listStale({ status, changedBefore, limit, ...(cursor && { cursor }) });
        for (const listed of page.items) await this.#sweep(listed, status, outcome);
        budget -= page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && budget > 0);
    }
    return outcome;
  }

  async #sweep(listed: DocumentRecord, status: SweptDocument['status'], outcome: SweepOutcome): Promise<void> {
    const { documents, jobs, ids, unitOfWork } = this.#deps;
    const swept: SweptDocument = { ownerId: listed.ownerId, documentId: listed.id, status };
    const current = await documents.get(listed.ownerId, listed.id);
    if (!unchanged(listed, current)) {
      outcome.skipped += 1;
      return;
    }
    const failure = await this.#failure(current, status);
    if (failure !== null) {
      const payload = { ownerId: current.ownerId, documentId: current.id };
      await this.#deps.processor.giveUp(payload, { ...failure, retryable: false });
      outcome.failed.push({ ...swept, reason: failure.code });
      return;
    }
    const requeued = await unitOfWork.run(async () => {
      const again = await documents.get(current.ownerId, current.id);
      if (!unchanged(current, again)) return null;
      const key = sweepJobKey(again, ids.newId());
      return requeueDocument({ documents, jobs }, again, { key, sweeps: (again.sweeps ?? 0) + 1 });
    });
    if (requeued === null) outcome.skipped += 1;
    else outcome.requeued.push(swept);
  }

  /** Why the document cannot be queued again, or null when it can. */
  async #failure(document: DocumentRecord, status: SweptDocument['status']) {
    if (status === 'uploaded' && (await this.#deps.blobs.get(document.blobKey)) === null) {
      const minutes = Math.round(this.#graceMs / MINUTE);
      return {
        code: 'upload_incomplete',
        message: `The file never arrived: its upload did not finish within ${minutes} minutes. Upload it again.`,
      };
    }
    if ((document.sweeps ?? 0) < this.#maxAttempts) return null;
    const tries = (document.sweeps ?? 0) + 1;
    return {
      code: 'processing_stalled',
      message:
        status === 'processing'
          ? `Processing stopped before it finished, ${tries} times (a run has a time limit): the file may be too large to process. Split it, or retry.`
          : `Processing did not start after ${tries} attempts. Retry the document.`,
    };
  }
}
