import type { Client } from '@opensearch-project/opensearch';
import { callOpenSearch, errorCause } from './opensearch-errors.ts';

/** The index name used when none is configured. */
export const DEFAULT_CHUNK_INDEX = 'docent-chunks';

/**
 * Which port wrote a document of the shared index. Lexical entries (one per chunk) and vector entries
 * (one per sentence window) share one index: there is one mapping to create and migrate, BM25 statistics
 * are per field, so vector entries (which have no `text`) do not skew them, and the k-NN graph holds
 * only documents with an `embedding`. Every query and delete filters on `kind`, so neither port can
 * see or remove the other's entries.
 */
export type EntryKind = 'lexical' | 'vector';

/** The fields every stored entry has. */
export interface StoredEntry {
  kind: EntryKind;
  userId: string;
  documentId: string;
  chunkId: string;
  /**
   * A random id per write. AOSS vector collections assign `_id` themselves, so this is what orders
   * entries totally when paging through them (`search_after`) to delete them.
   */
  writeId: string;
}

/** A LexicalIndex entry: one per chunk. */
export interface LexicalDocument extends StoredEntry {
  kind: 'lexical';
  /** The chunk's `analyzeText` terms, heading and file name terms repeated to weigh twice (see the adapter). */
  text: string;
}

/** A VectorIndex entry: one per vector, several per chunk. */
export interface VectorDocument extends StoredEntry {
  kind: 'vector';
  entryId: string;
  /** The vector scaled to unit length, so inner product is cosine similarity. */
  embedding: number[];
}

/** How the index is created. */
export interface ChunkIndexOptions {
  /** Index name (default `docent-chunks`). */
  index?: string;
  /** Length of every vector (1024 for Titan Text Embeddings v2). */
  dimensions: number;
}

/**
 * Settings and mapping of the shared chunk index. `text` is split on whitespace only, because its
 * content is already the domain's terms: OpenSearch must neither stem again nor split `max-time`.
 * The vector field uses Faiss HNSW (the engine AOSS vector collections support) with inner product:
 * Faiss cosine similarity needs OpenSearch 2.19, and on unit vectors inner product is the same measure.
 * The mapping is strict, so a misspelt field fails the write instead of creating a new field.
 */
export const chunkIndexBody = (dimensions: number) =>
  ({
    settings: { index: { knn: true } },
    mappings: {
      dynamic: 'strict',
      properties: {
        kind: { type: 'keyword' },
        userId: { type: 'keyword' },
        documentId: { type: 'keyword' },
        chunkId: { type: 'keyword' },
        entryId: { type: 'keyword' },
        writeId: { type: 'keyword' },
        text: { type: 'text', analyzer: 'whitespace' },
        embedding: {
          type: 'knn_vector',
          dimension: dimensions,
          method: {
            name: 'hnsw',
            engine: 'faiss',
            space_type: 'innerproduct',
            parameters: { m: 16, ef_construction: 128 },
          },
        },
      },
    },
  }) as const;

/**
 * Creates the chunk index unless it exists. Safe to run concurrently (cold starts of several
 * Lambdas): losing the creation race to another caller counts as success.
 */
export const ensureChunkIndex = async (client: Client, options: ChunkIndexOptions): Promise<void> => {
  const index = options.index ?? DEFAULT_CHUNK_INDEX;
  const exists = await callOpenSearch('index lookup', () => client.indices.exists({ index }));
  if (exists.body === true) return;
  await callOpenSearch('index creation', async () => {
    try {
      await client.indices.create({ index, body: chunkIndexBody(options.dimensions) });
    } catch (error) {
      const body = (error as { meta?: { body?: { error?: unknown } } }).meta?.body;
      if (errorCause(body?.error).type !== 'resource_already_exists_exception') throw error;
    }
  });
};
