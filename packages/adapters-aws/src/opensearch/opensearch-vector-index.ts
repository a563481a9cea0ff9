import { randomUUID } from 'node:crypto';
import type { ScoredChunk, VectorEntry, VectorIndex, VectorQuery } from '@docent/domain';
import { checkDimensions } from '../vector-dimensions.ts';
import { DEFAULT_CHUNK_INDEX, type VectorDocument } from './chunk-index.ts';
import { chunkOfHit, EntryStore, scopeFilter } from './entry-store.ts';
import type { OpenSearchIndexOptions } from './opensearch-lexical-index.ts';
import { checkLimit, MAX_HITS } from './search-limit.ts';
import { cosineFromScore, maxPoolByChunk, unitVector } from './vector-scores.ts';

/** Where the vectors live and how long they are. */
export interface OpenSearchVectorIndexOptions extends OpenSearchIndexOptions {
  /** Length of every vector; must match the index mapping (`ensureChunkIndex`). */
  dimensions: number;
}

/**
 * Vectors fetched per chunk asked for: a chunk has a few sentence vectors and neighbouring ones often
 * belong to the same chunk, so `limit` chunks need several times as many vectors.
 */
const VECTORS_PER_CHUNK = 4;

/**
 * VectorIndex on an OpenSearch Serverless vector collection: one entry per vector (`kind: vector`,
 * identified by `entryId`) in the shared chunk index, searched with a Faiss HNSW k-NN query whose
 * `filter` keeps the search inside the owner's (and the asked documents') vectors, so k hits come from
 * those rather than being filtered away afterwards. Vectors are stored at unit length and scores turned
 * back into cosine similarity; a chunk scores as its nearest vector.
 *
 * Consistency: as for `OpenSearchLexicalIndex`, replacing an entry id and `deleteDocument` miss
 * vectors written within the collection's refresh interval. The search is approximate (HNSW).
 *
 * The shared VectorIndex contract suite needs a real engine and does not run here: no OpenSearch
 * server exists in this environment; the adapter's tests check its requests and answers on the wire.
 */
export class OpenSearchVectorIndex implements VectorIndex {
  readonly #store: EntryStore;
  readonly #dimensions: number;

  constructor(options: OpenSearchVectorIndexOptions) {
    this.#store = new EntryStore(options.client, options.index ?? DEFAULT_CHUNK_INDEX, options.bulk);
    this.#dimensions = options.dimensions;
  }

  /** Indexes the vectors with `_bulk`, then removes earlier vectors of the same entry ids. */
  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    for (const entry of entries) checkDimensions(entry.vector, this.#dimensions);
    if (entries.length === 0) return;
    const documents = entries.map(
      (entry): VectorDocument => ({
        kind: 'vector',
        userId: entry.ownerId,
        documentId: entry.documentId,
        chunkId: entry.chunkId,
        entryId: entry.entryId ?? entry.chunkId,
        writeId: randomUUID(),
        embedding: unitVector(entry.vector),
      }),
    );
    await this.#store.replace('vector', 'entryId', documents);
  }

  /** The owner's nearest chunks by the cosine similarity of their nearest vector, nearest first. */
  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    checkDimensions(query.vector, this.#dimensions);
    const limit = checkLimit(query.limit);
    if (query.documentIds?.length === 0) return [];
    const k = Math.min(limit * VECTORS_PER_CHUNK, MAX_HITS);
    const result = await this.#store.search(
      {
        size: k,
        _source: ['chunkId', 'documentId'],
        query: {
          knn: {
            embedding: {
              vector: unitVector(query.vector),
              k,
              filter: { bool: { filter: scopeFilter('vector', query.ownerId, query.documentIds) } },
            },
          },
        },
      },
      'vector search',
    );
    const hits = result.hits.hits.map((hit) => ({ ...chunkOfHit(hit), score: cosineFromScore(hit._score ?? 0) }));
    return maxPoolByChunk(hits, limit);
  }

  /** Deletes the document's vectors: their ids by search, then a bulk delete. */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    await this.#store.deleteWhere(scopeFilter('vector', ownerId, [documentId]), 'entryId');
  }
}
