import type { Chunk, DocumentText } from '../entities/chunk.ts';

/** Chunks and the normalised text they index, scoped by owner. */
export interface ChunkRepository {
  /**
   * Replaces the document's text and all its chunks in one step (idempotent: running it
   * twice with the same input leaves the same state).
   */
  replaceForDocument(ownerId: string, documentId: string, text: DocumentText, chunks: readonly Chunk[]): Promise<void>;
  /** The normalised text of the owner's document, or null. */
  getText(ownerId: string, documentId: string): Promise<DocumentText | null>;
  /** The owner's chunks with these ids, in the order asked; unknown or foreign ids are skipped. */
  getMany(ownerId: string, chunkIds: readonly string[]): Promise<Chunk[]>;
  /** All chunks of the owner's document in ordinal order. */
  listForDocument(ownerId: string, documentId: string): Promise<Chunk[]>;
  /** Removes the document's text and chunks. */
  deleteForDocument(ownerId: string, documentId: string): Promise<void>;
}
