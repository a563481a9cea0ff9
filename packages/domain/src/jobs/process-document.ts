import { type ChunkOptions, chunkDocument, DEFAULT_CHUNK_SIZES } from '../documents/chunk-document.ts';
import { normalizeDocument } from '../documents/normalize-document.ts';
import type { Chunk } from '../entities/chunk.ts';
import type { DocumentRecord } from '../entities/document.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobFailure, JobQueue } from '../ports/job-queue.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import {
  asRetryable,
  type DocumentCleanupDeps,
  DocumentGone,
  failDocument,
  givenUpError,
  parseDocumentPayload,
  purgeDocument,
  updateProgress,
} from './document-job-outcomes.ts';
import type { EmbedDocumentOptions, EmbedDocumentPayload } from './embed-document.ts';
import type { JobContext, JobHandler } from './job-handler.ts';
import { embedJobKey, JOB_NAMES } from './pipeline.ts';

/** What processing reads and writes; `jobs` takes the document's embedding job. */
export interface ProcessDocumentDeps extends DocumentCleanupDeps {
  blobs: BlobStore;
  extractor: TextExtractor;
  jobs: JobQueue;
  ids: Ids;
}

/** Processing knobs, the embedding job's included (one options object configures the pipeline). */
export interface ProcessDocumentOptions extends EmbedDocumentOptions {
  /** Chunk sizes; see `chunkDocument`. */
  chunking?: ChunkOptions;
  /**
   * Most chunks one document may have (default {@link DEFAULT_MAX_CHUNKS_PER_DOCUMENT}). A document
   * with more ends `failed` with `too_large` right after chunking, before any embedding.
   */
  maxChunks?: number;
}

/**
 * Default chunk cap: about 3.6 million characters of text (a 1,000-page book; War and Peace is
 * 3.2 million), which embeds in about 13 minutes at the ~7.5 chunks/s of USE Lite on 2 cores.
 */
export const DEFAULT_MAX_CHUNKS_PER_DOCUMENT = 6_000;

/** Failures that another attempt cannot fix: the document is marked `failed` with the code at once. */
export const FINAL_PROCESSING_CODES: ReadonlySet<string> = new Set([
  'encrypted_pdf',
  'empty_document',
  'binary_content',
  'extraction_failed',
  'too_large',
  'extraction_timeout',
]);

const tooManyChunks = (count: number, max: number, atLeast = ''): DocentError =>
  new DocentError(
    'too_large',
    `The document is too large to process: it has ${atLeast}${count.toLocaleString('en-US')} passages, more than the ` +
      `limit of ${max.toLocaleString('en-US')}. Split it into smaller files and upload those.`,
    { details: { chunks: count, maxChunks: max } },
  );

/**
 * The `document.process` job: extract, normalise, chunk, index the chunks for BM25, and hand the
 * document over to a `document.embed` job for its vectors. It ends seconds after upload with the
 * document `processing` in stage `embedding`, which makes it searchable (`isSearchable`); the
 * embedding job marks it `ready`. Progress is visible at every stage. Reruns are idempotent: old
 * chunks and index entries are replaced, and the new chunk set gets an embedding job of its own. If
 * the owner deletes the document meanwhile, whatever this run wrote is purged. Unreadable files end
 * `failed` with a reason code; other errors are retried.
 */
export class ProcessDocument implements JobHandler {
  /** `document.process`. */
  readonly name = JOB_NAMES.processDocument;
  readonly #deps: ProcessDocumentDeps;
  readonly #chunking: ChunkOptions;
  readonly #maxChunks: number;

  constructor(deps: ProcessDocumentDeps, options: ProcessDocumentOptions = {}) {
    this.#deps = deps;
    this.#chunking = options.chunking ?? {};
    this.#maxChunks = Math.max(1, options.maxChunks ?? DEFAULT_MAX_CHUNKS_PER_DOCUMENT);
  }

  /**
   * Processes the document; a missing document means there is nothing to do. An aborted `signal`
   * stops the run between stages (the document stays `processing` for the next delivery, which
   * starts over).
   */
  async run(rawPayload: Record<string, unknown>, context?: Partial<JobContext>): Promise<void> {
    const payload = parseDocumentPayload(rawPayload);
    if (payload === null) throw new DocentError('validation_failed', 'Malformed document.process payload.');
    const document = await this.#deps.documents.get(payload.ownerId, payload.documentId);
    if (document === null) return;
    try {
      await this.#process(document, context?.signal);
    } catch (error) {
      if (error instanceof DocumentGone) return purgeDocument(this.#deps, document);
      if (isDocentError(error) && FINAL_PROCESSING_CODES.has(error.code)) {
        return failDocument(this.#deps, document.ownerId, document.id, { code: error.code, message: error.message });
      }
      throw asRetryable(error);
    }
  }

  /** Marks the document `failed` for good (with the failure's code when it says something). */
  async giveUp(rawPayload: Record<string, unknown>, failure: JobFailure): Promise<void> {
    const payload = parseDocumentPayload(rawPayload);
    if (payload === null) return;
    await failDocument(this.#deps, payload.ownerId, payload.documentId, givenUpError(failure));
  }

  async #process(document: DocumentRecord, signal: AbortSignal | undefined): Promise<void> {
    const { blobs, extractor, chunks, lexical, vectors, jobs, ids } = this.#deps;
    const { ownerId, id: documentId } = document;
    await updateProgress(
      this.#deps.documents,
      document,
      { status: 'processing', error: null },
      { stage: 'extracting', done: 0, total: 1 },
    );
    const bytes = await blobs.get(document.blobKey);
    if (bytes === null) throw new DocentError('extraction_failed', 'The uploaded file is missing.');
    const raw = await extractor.extract(bytes, document.contentType);
    const text = normalizeDocument(raw);
    if (text.text === '') throw new DocentError('empty_document', 'The document contains no text.');
    // Chunks cover every visible character and none is longer than maxChars: a text far over the
    // cap fails here, without spending seconds chunking tens of megabytes first.
    const fewest = Math.ceil(
      text.text.replace(/\s+/gu, '').length / (this.#chunking.maxChars ?? DEFAULT_CHUNK_SIZES.maxChars),
    );
    if (fewest > this.#maxChunks) throw tooManyChunks(fewest, this.#maxChunks, 'at least ');

    signal?.throwIfAborted();
    await updateProgress(this.#deps.documents, document, {}, { stage: 'chunking', done: 0, total: 1 });
    const drafts = chunkDocument(text, this.#chunking);
    if (drafts.length > this.#maxChunks) throw tooManyChunks(drafts.length, this.#maxChunks);
    const stored: Chunk[] = drafts.map((draft) => ({ ...draft, id: ids.newId(), documentId, ownerId }));
    await chunks.replaceForDocument(ownerId, documentId, text, stored);

    // BM25 first: the document is answerable (`isSearchable`) once it enters `embedding`, seconds
    // after upload, while its vectors take minutes. Old entries go first, so a rerun is idempotent.
    signal?.throwIfAborted();
    await updateProgress(this.#deps.documents, document, {}, { stage: 'indexing', done: 0, total: 1 });
    await lexical.deleteDocument(ownerId, documentId);
    await vectors.deleteDocument(ownerId, documentId);
    await lexical.add(
      stored.map((chunk) => ({
        chunkId: chunk.id,
        documentId,
        ownerId,
        text: chunk.text,
        documentName: document.name,
        ...(chunk.heading === undefined ? {} : { heading: chunk.heading }),
      })),
    );

    // Searchable from here on; the vectors come from a job of their own, in a worker lane that
    // never holds up other documents' fast stages (ADR 0028).
    signal?.throwIfAborted();
    const pageCount = raw.pageCount ?? (text.pages.length > 0 ? Math.max(...text.pages.map((p) => p.page)) : undefined);
    await updateProgress(
      this.#deps.documents,
      document,
      { chunkCount: stored.length, ...(pageCount === undefined ? {} : { pageCount }) },
      { stage: 'embedding', done: 0, total: stored.length },
    );
    const chunkSet = stored[0]?.id ?? '';
    const payload: EmbedDocumentPayload = { ownerId, documentId, chunkSet };
    await jobs.enqueue({
      name: JOB_NAMES.embedDocument,
      key: embedJobKey(documentId, document.sha256, chunkSet),
      payload: { ...payload },
      group: ownerId,
      // Embedding costs what the text holds, whatever the file's format: a scanned PDF of 5 MB may
      // hold less text than a 200 kB text file.
      sizeBytes: text.text.length,
    });
  }
}
