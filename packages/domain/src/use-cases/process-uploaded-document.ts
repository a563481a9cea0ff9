import type { DocumentFailure, DocumentRecord, DocumentStatus } from '../entities/document.ts';
import { DocentError, isDocentError } from '../errors.ts';
import { JOB_NAMES, processJobKey } from '../jobs/pipeline.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { JobFailure, JobQueue } from '../ports/job-queue.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type {
  ProcessDocumentPayload,
  ProcessUploadedDocumentInput,
  ProcessUploadedDocumentUseCase,
  UploadedDocumentOutcome,
} from './contracts.ts';
import { documentBlobKey } from './document-blob-key.ts';
import { isPendingSha256 } from './pending-sha256.ts';
import { checkFileSize, checkFileType, DEFAULT_MAX_UPLOAD_BYTES, sha256Hex } from './upload-checks.ts';

/** How bytes that fail the checks end: the `document.process` job handler's (`ProcessDocument`) give-up. */
export interface DocumentProcessor {
  /** Leaves the document `failed` with the failure's code, and nothing of it searchable. */
  giveUp(payload: Record<string, unknown>, failure: JobFailure): Promise<void>;
}

/** What processing an arrived blob touches. */
export interface ProcessUploadedDocumentDeps {
  documents: DocumentRepository;
  blobs: BlobStore;
  extractor: TextExtractor;
  /** Makes replacing the document's declared facts by the verified ones one step where it can. */
  unitOfWork: UnitOfWork;
  /** Where the `document.process` job goes: processing has one way in, the job runner. */
  jobs: JobQueue;
  processor: DocumentProcessor;
}

/** Limits of the checks; the same as the direct upload's. */
export interface ProcessUploadedDocumentOptions {
  /** Largest accepted file in bytes (default 50 MiB). */
  maxBytes?: number;
}

type Result = { outcome: UploadedDocumentOutcome; document: DocumentRecord | null };

/** Statuses in which the same bytes need nothing more: done, or being done by another delivery. */
const IN_HAND: ReadonlySet<DocumentStatus> = new Set(['processing', 'ready']);

/**
 * Processes a document whose bytes arrived out of band, as through a presigned upload: storage
 * says "this key was written", and this checks the bytes as a direct upload would (size, type by
 * magic bytes, SHA-256 against a client-declared one), records the verified facts (a pending
 * SHA-256 becomes the real one, so later uploads of the same bytes deduplicate against it), and
 * enqueues the `document.process` job an upload enqueues (same key: document, SHA-256, pipeline
 * version), which the job runner's worker runs. Bytes that fail a check leave the document
 * `failed` with the check's code (`checksum_mismatch` and `duplicate_document` besides the upload codes).
 *
 * Storage events come at least once, so a document `processing` or `ready` with the same SHA-256
 * is left alone, and a second event for an `uploaded` one finds its job already queued (`unchanged`).
 */
export class ProcessUploadedDocument implements ProcessUploadedDocumentUseCase {
  readonly #deps: ProcessUploadedDocumentDeps;
  readonly #maxBytes: number;

  constructor(deps: ProcessUploadedDocumentDeps, options: ProcessUploadedDocumentOptions = {}) {
    this.#deps = deps;
    this.#maxBytes = options.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  }

  /** Throws `unavailable` (retryable) for bytes whose document does not exist yet. */
  async execute(input: ProcessUploadedDocumentInput): Promise<Result> {
    const { documents, blobs, processor, jobs } = this.#deps;
    const document = await documents.get(input.ownerId, input.documentId);
    if (document === null) return this.#unknown(input);
    const bytes = await blobs.get(document.blobKey);
    if (bytes === null) return { outcome: 'missing', document };
    const sha256 = await sha256Hex(bytes);
    if (IN_HAND.has(document.status) && document.sha256 === sha256) return { outcome: 'unchanged', document };

    const payload: ProcessDocumentPayload = { ownerId: document.ownerId, documentId: document.id };
    const failure = await this.#verify(document, bytes, sha256);
    if (failure !== null) {
      await processor.giveUp({ ...payload }, { ...failure, retryable: false });
      return { outcome: 'rejected', document: await documents.get(document.ownerId, document.id) };
    }
    const { created } = await jobs.enqueue({
      name: JOB_NAMES.processDocument,
      key: processJobKey(document.id, sha256),
      payload: { ...payload },
      group: document.ownerId,
      sizeBytes: bytes.byteLength,
    });
    return { outcome: created ? 'queued' : 'unchanged', document: await documents.get(document.ownerId, document.id) };
  }

  /**
   * No document: deleted (its bytes went with it), or not created yet. A direct upload stores the
   * bytes before it creates the document, so storage may report them first; that is worth a retry.
   */
  async #unknown(input: ProcessUploadedDocumentInput): Promise<Result> {
    if ((await this.#deps.blobs.get(documentBlobKey(input.ownerId, input.documentId))) === null) {
      return { outcome: 'missing', document: null };
    }
    throw new DocentError('unavailable', 'The stored bytes have no document yet; try again shortly.', {
      retryable: true,
      details: { documentId: input.documentId },
    });
  }

  /** Null when the bytes pass, after recording what they are; else why they were refused. */
  async #verify(document: DocumentRecord, bytes: Uint8Array, sha256: string): Promise<DocumentFailure | null> {
    const { documents, extractor } = this.#deps;
    let verified: DocumentRecord;
    try {
      checkFileSize(bytes.byteLength, this.#maxBytes);
      verified = { ...document, size: bytes.byteLength, contentType: checkFileType(extractor, document.name, bytes) };
    } catch (error) {
      if (isDocentError(error) && !error.retryable) return { code: error.code, message: error.message };
      throw error;
    }
    if (!isPendingSha256(document.sha256)) {
      if (document.sha256 !== sha256) {
        return { code: 'checksum_mismatch', message: 'The uploaded bytes do not match the declared SHA-256.' };
      }
    } else {
      const twin = await documents.findBySha256(document.ownerId, sha256);
      if (twin !== null) return duplicateOf(twin);
    }
    verified.sha256 = sha256;
    const asDeclared =
      sha256 === document.sha256 && verified.size === document.size && verified.contentType === document.contentType;
    return asDeclared ? null : this.#replace(document, verified);
  }

  /**
   * The repository patches only processing state, so the verified facts are written by replacing
   * the record (same id, key and upload time). A concurrent upload of the same bytes makes
   * `create` conflict: the declared record is then put back, and the bytes refused as a duplicate.
   */
  async #replace(declared: DocumentRecord, verified: DocumentRecord): Promise<DocumentFailure | null> {
    const { documents, unitOfWork } = this.#deps;
    try {
      await unitOfWork.run(async () => {
        await documents.delete(declared.ownerId, declared.id);
        await documents.create(verified);
      });
      return null;
    } catch (error) {
      if (!isDocentError(error) || error.code !== 'conflict') throw error;
      // Where the unit of work cannot roll back, the delete stuck: undo it by hand.
      if ((await documents.get(declared.ownerId, declared.id)) === null) await documents.create(declared);
      const twin = await documents.findBySha256(declared.ownerId, verified.sha256);
      return twin === null ? { code: 'duplicate_document', message: error.message } : duplicateOf(twin);
    }
  }
}

const duplicateOf = (twin: DocumentRecord): DocumentFailure => ({
  code: 'duplicate_document',
  message: `The same file was uploaded before, as "${twin.name}" (document ${twin.id}).`,
});
