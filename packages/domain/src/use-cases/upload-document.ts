import type { DocumentRecord } from '../entities/document.ts';
import type { Principal } from '../entities/user.ts';
import { DocentError, isDocentError } from '../errors.ts';
import { JOB_NAMES, processJobKey } from '../jobs/pipeline.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobQueue } from '../ports/job-queue.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { ProcessDocumentPayload, UploadDocumentInput, UploadDocumentUseCase } from './contracts.ts';

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

const MAX_NAME_LENGTH = 255;

/** The last path segment of a client's file name, without control characters, at most 255 characters. */
export const sanitizeFileName = (name: string): string => {
  const lastSegment = name.split(/[/\\]/u).at(-1) ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
  const cleaned = lastSegment.replace(/[\u0000-\u001f\u007f]/gu, '').trim();
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
};

const sha256Hex = async (bytes: Uint8Array): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
};

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
    this.#maxBytes = options.maxBytes ?? 50 * 1024 * 1024;
  }

  /** Throws `validation_failed`, `payload_too_large`, `empty_document` or `unsupported_media_type`. */
  async execute(
    principal: Principal,
    input: UploadDocumentInput,
  ): Promise<{ document: DocumentRecord; created: boolean }> {
    const { documents, blobs, extractor, ids, clock } = this.#deps;
    const ownerId = principal.userId;
    const name = sanitizeFileName(input.name);
    if (name === '') {
      throw new DocentError('validation_failed', 'The file needs a name.', { details: { fields: ['name'] } });
    }
    if (input.bytes.byteLength > this.#maxBytes) {
      throw new DocentError('payload_too_large', `Files may be at most ${this.#maxBytes} bytes.`, {
        details: { maxBytes: this.#maxBytes },
      });
    }
    if (input.bytes.byteLength === 0) throw new DocentError('empty_document', 'The file is empty.');
    const contentType = extractor.detectType(name, input.bytes);
    if (contentType === null) {
      throw new DocentError('unsupported_media_type', 'Upload a PDF, DOCX, HTML, Markdown or plain-text file.');
    }
    const sha256 = await sha256Hex(input.bytes);
    const existing = await documents.findBySha256(ownerId, sha256);
    if (existing !== null) return this.#existing(existing);

    const id = ids.newId();
    const document: DocumentRecord = {
      id,
      ownerId,
      name,
      contentType,
      size: input.bytes.byteLength,
      sha256,
      blobKey: `documents/${ownerId}/${id}`,
      status: 'uploaded',
      progress: { stage: 'queued', done: 0, total: 1 },
      uploadedAt: clock.now().toISOString(),
    };
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
    });
  }
}
