import { type Chunk, type ChunkRepository, checkChunksBelong, type DocumentText } from '@docent/domain';
import type { Restore, Snapshottable } from './snapshottable.ts';

interface StoredDocument {
  ownerId: string;
  text: DocumentText;
  /** In ordinal order. */
  chunks: readonly Chunk[];
}

/** Normalised texts and chunks in Maps, keyed by document and by chunk id; copies in and out. */
export class InMemoryChunkRepository implements ChunkRepository, Snapshottable {
  private documents = new Map<string, StoredDocument>();
  private chunks = new Map<string, Chunk>();

  async replaceForDocument(
    ownerId: string,
    documentId: string,
    text: DocumentText,
    chunks: readonly Chunk[],
  ): Promise<void> {
    checkChunksBelong(ownerId, documentId, chunks);
    this.remove(ownerId, documentId);
    const ordered = structuredClone([...chunks]).sort((a, b) => a.ordinal - b.ordinal);
    this.documents.set(documentId, { ownerId, text: structuredClone(text), chunks: ordered });
    for (const chunk of ordered) this.chunks.set(chunk.id, chunk);
  }

  async getText(ownerId: string, documentId: string): Promise<DocumentText | null> {
    const stored = this.own(ownerId, documentId);
    return stored === undefined ? null : structuredClone(stored.text);
  }

  async getMany(ownerId: string, chunkIds: readonly string[]): Promise<Chunk[]> {
    return chunkIds.flatMap((id) => {
      const chunk = this.chunks.get(id);
      return chunk?.ownerId === ownerId ? [structuredClone(chunk)] : [];
    });
  }

  async listForDocument(ownerId: string, documentId: string): Promise<Chunk[]> {
    return structuredClone([...(this.own(ownerId, documentId)?.chunks ?? [])]);
  }

  async deleteForDocument(ownerId: string, documentId: string): Promise<void> {
    this.remove(ownerId, documentId);
  }

  snapshot(): Restore {
    const documents = new Map(this.documents);
    const chunks = new Map(this.chunks);
    return () => {
      this.documents = new Map(documents);
      this.chunks = new Map(chunks);
    };
  }

  private own(ownerId: string, documentId: string): StoredDocument | undefined {
    const stored = this.documents.get(documentId);
    return stored?.ownerId === ownerId ? stored : undefined;
  }

  private remove(ownerId: string, documentId: string): void {
    const stored = this.own(ownerId, documentId);
    if (stored === undefined) return;
    for (const chunk of stored.chunks) this.chunks.delete(chunk.id);
    this.documents.delete(documentId);
  }
}
