import type { DocumentRecord } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import { isDocentError } from '../errors.ts';
import { JOB_NAMES, processJobKey } from '../jobs/pipeline.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { ProcessDocumentPayload, UploadDocumentInput, UploadDocumentUseCase } from './contracts.ts';
import { newUploadedDocument } from './new-uploaded-document.ts';
import { checkFileName, checkFileSize, checkFileType, DEFAULT_MAX_UPLOAD_BYTES, sha256Hex } from './upload-checks.ts';

export { sanitizeFileName } from './upload-checks.ts';

/** What an upload touches. */
export interface UploadDocumentDeps {
  documents: DocumentRepository;
  blobs: BlobStore;
  jobs: JobQueue;
  extractor: TextExtractor;
  ids: Ids;
  clock: Clock;
  /** Makes "create the document" and "enqueue its processing" one step where the backend can. */
  unitOfWork: UnitOfWork;
}

/** Upload limits. */
export interface UploadDocumentOptions {
  /** Largest accepted file in bytes (default 50 MiB). */
  maxBytes?: number;
}

/**
 * Accepts a file: checks size and type, stores the bytes under `documents/{ownerId}/{documentId}`,
 * creates the document `uploaded` and enqueues its processing. The same bytes from the same owner
 * give back the existing document.
 */
export class UploadDocument implements UploadDocumentUseCase {
  readonly #deps: UploadDocumentDeps;
  readonly #maxBytes: number;

  constructor(deps: UploadDocumentDeps, options: UploadDocumentOptions = {}) {
    this.#deps = deps;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  /** Throws `validation_failed`, `payload_too_large`, `empty_document` or `unsupported_media_type`. */
  async execute(
    principal: Principal,
    input: UploadDocumentInput,
  ): Promise<{ document: DocumentRecord; created: boolean }> {
    const { documents, blobs, extractor, ids, clock } = this.#deps;
    const ownerId = principal.userId;
    const name = checkFileName(input.name);
    checkFileSize(input.bytes.byteLength, this.#maxBytes);
    const contentType = checkFileType(extractor, name, input.bytes);
    const sha256 = await sha256Hex(input.bytes);
    const existing = await documents.findBySha256(ownerId, sha256);
    if (existing !== null) return this.#existing(existing);

    const id = ids.newId();
    const document = newUploadedDocument({
      id,
      ownerId,
      name,
      contentType,
      size: input.bytes.byteLength,
      sha256,
      uploadedAt: clock.now().toISOString(),
    });
    await blobs.put(document.blobKey, input.bytes, { contentType });
    try {
      await this.#deps.unitOfWork.run(async () => {
        await documents.create(document);
        await this.#enqueue(document);
      });
    } catch (error) {
      // A concurrent upload of the same bytes won the race: keep its document, drop our copy.
      if (!isDocentError(error) || error.code !== 'conflict') throw error;
      await blobs.delete(document.blobKey);
      const winner = await documents.findBySha256(ownerId, sha256);
      if (winner === null) throw error;
      return this.#existing(winner);
    }
    return { document, created: true };
  }

  /**
   * Where the unit of work is not atomic, a document still `uploaded` may have lost its job to a
   * crash between create and enqueue; enqueueing again is harmless (the job key deduplicates).
   */
  async #existing(document: DocumentRecord): Promise<{ document: DocumentRecord; created: false }> {
    if (document.status === 'uploaded') await this.#enqueue(document);
    return { document, created: false };
  }

  async #enqueue(document: DocumentRecord): Promise<void> {
    const payload: ProcessDocumentPayload = { ownerId: document.ownerId, documentId: document.id };
    await this.#deps.jobs.enqueue({
      name: JOB_NAMES.processDocument,
      key: processJobKey(document.id, document.sha256),
      payload: { ...payload },
      // Owners take turns, and a small file need not wait for a big one of the same owner.
      group: document.ownerId,
      sizeBytes: document.size,
    });
  }
}
