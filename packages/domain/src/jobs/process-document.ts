import { type ChunkOptions, chunkDocument, DEFAULT_CHUNK_SIZES } from '../documents/chunk-document.ts';
import { distinctTexts, type EmbeddingUnit, embeddingUnits } from '../documents/embedding-units.ts';
import { normalizeDocument } from '../documents/normalize-document.ts';
import type { Chunk } from '../entities/chunk.ts';
import type { DocumentRecord, ProcessingProgress } from '../entities/document.ts';
import { DocentError, isDocentError } from '../errors.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';
import type { Clock } from '../ports/clock.ts';
import type { DocumentPatch, DocumentRepository } from '../ports/document-repository.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { Ids } from '../ports/ids.ts';
import type { JobFailure } from '../ports/job-queue.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { VectorEntry, VectorIndex } from '../ports/vector-index.ts';
import type { ProcessDocumentPayload } from '../use-cases/contracts.ts';
import type { JobContext, JobHandler } from './job-handler.ts';
import { JOB_NAMES } from './pipeline.ts';

/** What processing reads and writes. */
export interface ProcessDocumentDeps {
  documents: DocumentRepository;
  blobs: BlobStore;
  extractor: TextExtractor;
  chunks: ChunkRepository;
  embedder: Embedder;
  lexical: LexicalIndex;
  vectors: VectorIndex;
  ids: Ids;
  clock: Clock;
}

/** Processing knobs. */
export interface ProcessDocumentOptions {
  /**
   * Distinct texts embedded per call, per vector write and per progress update (default 64: an
   * embedder that batches by length has more texts to group, and its workers idle at the end of a
   * call less often; about a second of embedding on 2 idle cores, the longest a deletion waits). Progress counts chunks.
   */
  batchSize?: number;
  /** Chunk sizes; see `chunkDocument`. */
  chunking?: ChunkOptions;
  /**
   * Longest sentence window embedded as one vector (default 300 characters; see `sentenceWindows`).
   * Each chunk gets the vectors of the windows inside it and is found by its best one.
   */
  windowChars?: number;
  /** Embed sentence windows (default) or whole chunks; see `embeddingUnits`. */
  embedUnit?: EmbeddingUnit;
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
// Codes that say nothing about the document itself; a given-up job then reports `processing_failed`.
const UNINFORMATIVE_CODES = new Set(['internal_error', 'unavailable', 'rate_limited']);

const tooManyChunks = (count: number, max: number, atLeast = ''): DocentError =>
  new DocentError(
    'too_large',
    `The document is too large to process: it has ${atLeast}${count.toLocaleString('en-US')} passages, more than the ` +
      `limit of ${max.toLocaleString('en-US')}. Split it into smaller files and upload those.`,
    { details: { chunks: count, maxChunks: max } },
  );

/**
 * Seconds left at the rate measured so far (texts embedded per elapsed millisecond), as an
 * `etaSeconds` field; nothing until some time has passed, since a rate needs a duration.
 */
const remainingSeconds = (elapsedMs: number, done: number, total: number): { etaSeconds?: number } =>
  elapsedMs > 0 && done > 0 ? { etaSeconds: Math.ceil(((total - done) * elapsedMs) / done / 1000) } : {};

/** Thrown internally when the document disappears mid-run (deleted by its owner). */
class DocumentGone extends Error {}

const parsePayload = (payload: Record<string, unknown>): ProcessDocumentPayload | null => {
  const { ownerId, documentId } = payload;
  return typeof ownerId === 'string' && typeof documentId === 'string' ? { ownerId, documentId } : null;
};

/**
 * The `document.process` job: extract, normalise, chunk, index the chunks for BM25 (from then on the
 * document is searchable), embed in batches storing each batch's vectors, then mark the document
 * `ready` (progress is visible at every stage). Reruns are idempotent: old chunks and
 * index entries are replaced. If the owner deletes the document meanwhile, whatever this run
 * wrote is purged. Unreadable files end `failed` with a reason code; other errors are retried.
 */
export class ProcessDocument implements JobHandler {
  /** `document.process`. */
  readonly name = JOB_NAMES.processDocument;
  readonly #deps: ProcessDocumentDeps;
  readonly #batchSize: number;
  readonly #chunking: ChunkOptions;
  readonly #windowChars: number;
  readonly #embedUnit: EmbeddingUnit;
  readonly #maxChunks: number;

  constructor(deps: ProcessDocumentDeps, options: ProcessDocumentOptions = {}) {
    this.#deps = deps;
    this.#batchSize = Math.max(1, options.batchSize ?? 64);
    this.#chunking = options.chunking ?? {};
    this.#windowChars = Math.max(1, options.windowChars ?? 300);
    this.#embedUnit = options.embedUnit ?? 'window';
    this.#maxChunks = Math.max(1, options.maxChunks ?? DEFAULT_MAX_CHUNKS_PER_DOCUMENT);
  }

  /**
   * Processes the document; a missing document means there is nothing to do. An aborted `signal`
   * stops the run between stages and embedding batches (the document stays `processing` for the
   * next delivery, which starts over).
   */
  async run(rawPayload: Record<string, unknown>, context?: Partial<JobContext>): Promise<void> {
    const payload = parsePayload(rawPayload);
    if (payload === null) throw new DocentError('validation_failed', 'Malformed document.process payload.');
    const document = await this.#deps.documents.get(payload.ownerId, payload.documentId);
    if (document === null) return;
    try {
      await this.#process(document, context?.signal);
    } catch (error) {
      if (error instanceof DocumentGone) return this.#purge(document);
      if (isDocentError(error) && FINAL_PROCESSING_CODES.has(error.code)) {
        return this.#fail(document.ownerId, document.id, { code: error.code, message: error.message });
      }
      if (isDocentError(error) && error.retryable) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new DocentError(isDocentError(error) ? error.code : 'internal_error', message, {
        retryable: true,
        cause: error,
      });
    }
  }

  /** Marks the document `failed` for good (with the failure's code when it says something). */
  async giveUp(rawPayload: Record<string, unknown>, failure: JobFailure): Promise<void> {
    const payload = parsePayload(rawPayload);
    if (payload === null) return;
    const code = UNINFORMATIVE_CODES.has(failure.code) ? 'processing_failed' : failure.code;
    await this.#fail(payload.ownerId, payload.documentId, { code, message: failure.message });
  }

  async #process(document: DocumentRecord, signal: AbortSignal | undefined): Promise<void> {
    const { blobs, extractor, chunks, embedder, lexical, vectors, ids, clock } = this.#deps;
    const { ownerId, id: documentId } = document;
    await this.#update(document, { status: 'processing', error: null }, { stage: 'extracting', done: 0, total: 1 });
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
    await this.#update(document, {}, { stage: 'chunking', done: 0, total: 1 });
    const drafts = chunkDocument(text, this.#chunking);
    if (drafts.length > this.#maxChunks) throw tooManyChunks(drafts.length, this.#maxChunks);
    const stored: Chunk[] = drafts.map((draft) => ({ ...draft, id: ids.newId(), documentId, ownerId }));
    await chunks.replaceForDocument(ownerId, documentId, text, stored);

    // BM25 first: the document is answerable (`isSearchable`) once it enters `embedding`, seconds
    // after upload, while its vectors take minutes. Old entries go first, so a rerun is idempotent.
    signal?.throwIfAborted();
    await this.#update(document, {}, { stage: 'indexing', done: 0, total: 1 });
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

    const windows = embeddingUnits(this.#embedUnit, text.text, stored, this.#windowChars);
    // Every distinct text is embedded once: a window whose text repeats shares the first one's vector.
    const { texts, textOf } = distinctTexts(text.text, windows);
    const windowsOf: number[][] = texts.map(() => []);
    textOf.forEach((t, w) => {
      windowsOf[t]?.push(w);
    });
    // Progress counts chunks, as the other stages do: a chunk is done once the last text it needs is.
    const lastTextOf = new Array<number>(stored.length).fill(-1);
    windows.forEach((window, w) => {
      for (const c of window.chunks) lastTextOf[c] = Math.max(lastTextOf[c] ?? -1, textOf[w] ?? -1);
    });
    const finishedAfter = lastTextOf.sort((a, b) => a - b);
    let chunksDone = 0;
    const embeddingStartedMs = clock.now().getTime();
    await this.#update(document, {}, { stage: 'embedding', done: 0, total: stored.length });
    for (let from = 0; from < texts.length; from += this.#batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(from, from + this.#batchSize);
      const embedded = await embedder.embed(batch, { purpose: 'passage' });
      // Let requests and other documents' jobs run between batches, even when the embedder computes
      // on this thread (the hashing embedder does): otherwise one document would hold the process.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const vectorEntries: VectorEntry[] = [];
      batch.forEach((_, i) => {
        const vector = embedded[i];
        if (vector === undefined) throw new DocentError('embedding_failed', 'The embedder returned too few vectors.');
        for (const w of windowsOf[from + i] ?? []) {
          for (const c of windows[w]?.chunks ?? []) {
            const chunk = stored[c];
            if (chunk !== undefined) {
              vectorEntries.push({ entryId: `${chunk.id}:${w}`, chunkId: chunk.id, documentId, ownerId, vector });
            }
          }
        }
      });
      // Written per batch, so answers use each vector as soon as it exists; a failure or deletion
      // later purges them with the rest.
      await vectors.upsert(vectorEntries);
      const embeddedCount = from + batch.length;
      while (chunksDone < finishedAfter.length && (finishedAfter[chunksDone] ?? 0) < embeddedCount) chunksDone++;
      const eta = remainingSeconds(clock.now().getTime() - embeddingStartedMs, embeddedCount, texts.length);
      await this.#update(document, {}, { stage: 'embedding', done: chunksDone, total: stored.length, ...eta });
    }

    signal?.throwIfAborted();
    const pageCount = raw.pageCount ?? (text.pages.length > 0 ? Math.max(...text.pages.map((p) => p.page)) : undefined);
    await this.#update(
      document,
      {
        status: 'ready',
        readyAt: clock.now().toISOString(),
        chunkCount: stored.length,
        ...(pageCount === undefined ? {} : { pageCount }),
      },
      { stage: 'done', done: stored.length, total: stored.length },
    );
  }

  /** Applies a patch; the document vanishing in between means its owner deleted it. */
  async #update(document: DocumentRecord, patch: DocumentPatch, progress: ProcessingProgress): Promise<void> {
    const updated = await this.#deps.documents.update(document.ownerId, document.id, { ...patch, progress });
    if (updated === null) throw new DocumentGone();
  }

  async #fail(ownerId: string, documentId: string, error: { code: string; message: string }): Promise<void> {
    const updated = await this.#deps.documents.update(ownerId, documentId, {
      status: 'failed',
      error,
      progress: { stage: 'failed', done: 0, total: 1 },
    });
    if (updated !== null) await this.#purge(updated);
  }

  /** Removes everything this or an earlier run may have written for the document (not its metadata). */
  async #purge(document: DocumentRecord): Promise<void> {
    const { ownerId, id } = document;
    await this.#deps.chunks.deleteForDocument(ownerId, id);
    await this.#deps.lexical.deleteDocument(ownerId, id);
    await this.#deps.vectors.deleteDocument(ownerId, id);
  }
}
