import type { Chunk } from '../entities/chunk.ts';
import { DocentError } from '../errors.ts';

/**
 * `ChunkRepository.replaceForDocument` takes one document's chunks; every adapter refuses a chunk of
 * another owner or document with `validation_failed` before it writes anything.
 */
export const checkChunksBelong = (ownerId: string, documentId: string, chunks: readonly Chunk[]): void => {
  const stray = chunks.find((chunk) => chunk.ownerId !== ownerId || chunk.documentId !== documentId);
  if (stray !== undefined) {
    throw new DocentError('validation_failed', `Chunk ${stray.id} does not belong to document ${documentId}.`);
  }
};
