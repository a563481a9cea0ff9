import type { Chunk, ChunkRepository, DocumentText } from '@docent/domain';
import { checkChunksBelong, DocentError } from '@docent/domain';
import {
  type ChunkedDocument,
  decodeDocumentObject,
  documentObjectKey,
  encodeDocumentObject,
  pointerObjectKey,
} from './chunk-objects.ts';
import { mapLimited } from './map-limited.ts';
import { S3BlobStore } from './s3-blob-store.ts';
import type { S3BucketOptions } from './s3-client.ts';

/** Configuration of {@link S3ChunkRepository}. */
export interface S3ChunkRepositoryOptions extends S3BucketOptions {
  /** Most S3 requests in flight for one call (default 16). */
  concurrency?: number;
}

/**
 * Chunks and texts as S3 objects, written with the same SSE and error mapping as {@link S3BlobStore}:
 * - `chunks/{ownerId}/{documentId}.json`: the document's text and all its chunks in one JSON object (a chunk's
 *   text is re-sliced from the document text rather than stored twice);
 * - `chunk-index/{ownerId}/{chunkId}`: a pointer holding the chunk's document id, so `getMany` finds chunks by
 *   id alone. One object per chunk, not an index per owner: documents of one owner processed at the same
 *   time would race on a shared index, and S3 has no transactions.
 * Both prefixes lie outside `documents/`, so these writes never trigger processing. Ids are percent-encoded
 * into keys, and the owner is part of every key: another owner's ids simply find nothing.
 *
 * A pointer is only a hint: `getMany` returns a chunk only if its document's current object lists it, so
 * pointers left behind by an interrupted run are harmless. A replacement writes the document object first,
 * listing the previous run's chunk ids as `retired`, then the new pointers, then deletes the retired
 * pointers and drops the list; a run cut short anywhere is finished by the next replacement or deletion.
 *
 * Cost in S3 requests, for a document of n chunks:
 * - `replaceForDocument`: 1 GET + 1 PUT + n PUTs; replacing an earlier run adds its m DELETEs and 1 PUT;
 * - `getMany` of k ids from d documents: k small GETs + d GETs of whole document objects (text included);
 * - `getText` / `listForDocument`: 1 GET; `deleteForDocument`: 1 GET + n DELETEs + 1 DELETE.
 * Replacements of one document must not run concurrently (processing runs one job per document).
 */
export class S3ChunkRepository implements ChunkRepository {
  readonly #objects: S3BlobStore;
  readonly #concurrency: number;

  /** @throws DocentError `validation_failed` for an empty bucket name or a bad concurrency. */
  constructor(options: S3ChunkRepositoryOptions) {
    this.#objects = new S3BlobStore(options);
    this.#concurrency = options.concurrency ?? 16;
    if (!Number.isSafeInteger(this.#concurrency) || this.#concurrency < 1) {
      throw new DocentError('validation_failed', 'concurrency must be a positive integer', {
        details: { field: 'concurrency' },
      });
    }
  }

  /** Writes the document object, then the pointers; see the class comment for the order and its reasons. */
  async replaceForDocument(
    ownerId: string,
    documentId: string,
    text: DocumentText,
    chunks: readonly Chunk[],
  ): Promise<void> {
    checkChunksBelong(ownerId, documentId, chunks);
    const previous = await this.#read(ownerId, documentId);
    const current = new Set(chunks.map((chunk) => chunk.id));
    const earlier = previous === null ? [] : [...previous.chunks.map((chunk) => chunk.id), ...previous.retired];
    const retired = [...new Set(earlier)].filter((id) => !current.has(id));
    const next: ChunkedDocument = { text, chunks: [...chunks], retired };
    await this.#write(ownerId, documentId, next);
    const pointer = new TextEncoder().encode(documentId);
    await this.#each(chunks, (chunk) =>
      this.#objects.put(pointerObjectKey(ownerId, chunk.id), pointer, { contentType: 'text/plain; charset=utf-8' }),
    );
    if (retired.length > 0) {
      await this.#each(retired, (id) => this.#objects.delete(pointerObjectKey(ownerId, id)));
      await this.#write(ownerId, documentId, { ...next, retired: [] });
    }
  }

  /** The document's text, or null. */
  async getText(ownerId: string, documentId: string): Promise<DocumentText | null> {
    return (await this.#read(ownerId, documentId))?.text ?? null;
  }

  /** Looks up each id's pointer, then reads each document involved once. Repeated ids come back once. */
  async getMany(ownerId: string, chunkIds: readonly string[]): Promise<Chunk[]> {
    const wanted = [...new Set(chunkIds)];
    const pointers = await this.#each(wanted, (id) => this.#objects.get(pointerObjectKey(ownerId, id)));
    const documentIds = new Set(pointers.flatMap((bytes) => (bytes === null ? [] : [new TextDecoder().decode(bytes)])));
    const documents = await this.#each([...documentIds], (documentId) => this.#read(ownerId, documentId));
    const found = new Map(documents.flatMap((document) => document?.chunks ?? []).map((chunk) => [chunk.id, chunk]));
    return wanted.flatMap((id) => found.get(id) ?? []);
  }

  /** The document's chunks in ordinal order ([] when it has none). */
  async listForDocument(ownerId: string, documentId: string): Promise<Chunk[]> {
    return (await this.#read(ownerId, documentId))?.chunks ?? [];
  }

  /** Deletes the pointers first and the document object last, so a retry still knows which pointers to delete. */
  async deleteForDocument(ownerId: string, documentId: string): Promise<void> {
    const stored = await this.#read(ownerId, documentId);
    if (stored === null) return;
    const ids = [...new Set([...stored.chunks.map((chunk) => chunk.id), ...stored.retired])];
    await this.#each(ids, (id) => this.#objects.delete(pointerObjectKey(ownerId, id)));
    await this.#objects.delete(documentObjectKey(ownerId, documentId));
  }

  async #read(ownerId: string, documentId: string): Promise<ChunkedDocument | null> {
    const bytes = await this.#objects.get(documentObjectKey(ownerId, documentId));
    return bytes === null ? null : decodeDocumentObject(ownerId, documentId, bytes);
  }

  #write(ownerId: string, documentId: string, document: ChunkedDocument): Promise<void> {
    const body = encodeDocumentObject(document);
    return this.#objects.put(documentObjectKey(ownerId, documentId), body, { contentType: 'application/json' });
  }

  #each<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    return mapLimited(items, this.#concurrency, fn);
  }
}
