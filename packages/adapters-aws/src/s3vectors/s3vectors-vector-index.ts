import {
  DeleteVectorsCommand,
  type PutInputVector,
  PutVectorsCommand,
  QueryVectorsCommand,
  type S3VectorsClient,
} from '@aws-sdk/client-s3vectors';
import type { ScoredChunk, VectorEntry, VectorIndex, VectorQuery } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { checkLimit } from '../opensearch/search-limit.ts';
import { maxPoolByChunk, unitVector } from '../opensearch/vector-scores.ts';
import { checkDimensions } from '../vector-dimensions.ts';
import { callS3Vectors } from './s3vectors-errors.ts';
import { putBatchSize, S3_VECTORS_LIMITS } from './s3vectors-limits.ts';
import {
  type DocumentScope,
  documentFilter,
  type MetadataFilter,
  scopeFilter,
  VECTOR_METADATA,
} from './vector-metadata.ts';

/** Where the vectors live and how long they are. */
export interface S3VectorsVectorIndexOptions {
  /** A client for the region of the vector bucket. */
  client: S3VectorsClient;
  /** The vector bucket. */
  vectorBucketName: string;
  /** The index in it: created with this dimension, `float32` and the `cosine` metric. */
  indexName: string;
  /** Length of every vector; must match the index. */
  dimensions: number;
}

/**
 * Vectors fetched per chunk asked for: a chunk has a few window vectors and neighbouring ones often
 * belong to the same chunk, so `limit` chunks need several times as many vectors (capped by topK).
 */
const VECTORS_PER_CHUNK = 4;

/**
 * VectorIndex on an Amazon S3 Vectors index (cosine metric): one vector per entry, keyed by its entry id,
 * so a PutVectors of the same key replaces it. Each vector carries `ownerId` and `documentId` as
 * filterable metadata and `chunkId` as non-filterable metadata (the index declares it so; it is only
 * read back). A search is one QueryVectors whose metadata filter keeps it inside the owner's (and the
 * asked documents') vectors; a chunk scores as its nearest vector.
 *
 * Limits: QueryVectors returns at most 100 vectors, so one search sees at most 100 vectors and yields
 * at most 100 chunks, fewer when a chunk's windows crowd the top (docs/adr/0022-budget-search-stage.md
 * measures what that costs in recall). S3 Vectors cannot delete by filter: `deleteDocument` finds the
 * document's keys with filtered queries and deletes them by key, 100 at a time.
 */
export class S3VectorsVectorIndex implements VectorIndex {
  readonly #client: S3VectorsClient;
  readonly #target: { vectorBucketName: string; indexName: string };
  readonly #dimensions: number;

  constructor(options: S3VectorsVectorIndexOptions) {
    if (!Number.isInteger(options.dimensions) || options.dimensions < 1) {
      throw new DocentError('validation_failed', 'The vector dimension must be a positive integer');
    }
    if (options.dimensions > S3_VECTORS_LIMITS.maxDimensions) {
      throw new DocentError(
        'validation_failed',
        `S3 Vectors holds at most ${S3_VECTORS_LIMITS.maxDimensions} dimensions`,
      );
    }
    this.#client = options.client;
    this.#target = { vectorBucketName: options.vectorBucketName, indexName: options.indexName };
    this.#dimensions = options.dimensions;
  }

  /** Writes the vectors at unit length in batches within the API limits; a key given twice keeps its last. */
  async upsert(entries: readonly VectorEntry[]): Promise<void> {
    for (const entry of entries) checkDimensions(entry.vector, this.#dimensions);
    const latest = new Map(entries.map((entry) => [entry.entryId ?? entry.chunkId, entry]));
    const vectors = [...latest].map(
      ([key, entry]): PutInputVector => ({
        key,
        data: { float32: unitVector(entry.vector) },
        metadata: {
          [VECTOR_METADATA.owner]: entry.ownerId,
          [VECTOR_METADATA.document]: entry.documentId,
          [VECTOR_METADATA.chunk]: entry.chunkId,
        },
      }),
    );
    const batch = putBatchSize(this.#dimensions);
    for (let from = 0; from < vectors.length; from += batch) {
      const command = new PutVectorsCommand({ ...this.#target, vectors: vectors.slice(from, from + batch) });
      await callS3Vectors('PutVectors', () => this.#client.send(command));
    }
  }

  /** The owner's nearest chunks by the cosine similarity of their nearest vector, nearest first. */
  async search(query: VectorQuery): Promise<ScoredChunk[]> {
    checkDimensions(query.vector, this.#dimensions);
    const limit = checkLimit(query.limit);
    if (query.documentIds?.length === 0) return [];
    const found = await this.#query(
      unitVector(query.vector),
      Math.min(limit * VECTORS_PER_CHUNK, S3_VECTORS_LIMITS.maxTopK),
      scopeFilter(query),
    );
    const hits = found.map((vector) => ({ ...chunkOf(vector), score: cosineFromDistance(vector.distance) }));
    return maxPoolByChunk(hits, limit);
  }

  /**
   * Deletes every vector of the owner's document: finds up to 100 of its keys with a filtered query,
   * deletes them, and again until the query finds none. S3 Vectors writes are strongly consistent, so a
   * deleted key is not found again; if one is, the deletes are not yet visible and the call fails
   * (retryable) rather than loop.
   */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    const filter = documentFilter({ ownerId, documentId } satisfies DocumentScope);
    // Any direction will do: the filter, not the similarity, picks the vectors.
    const probe = Array.from({ length: this.#dimensions }, (_, i) => (i === 0 ? 1 : 0));
    const deleted = new Set<string>();
    for (;;) {
      const keys = (await this.#query(probe, S3_VECTORS_LIMITS.maxTopK, filter)).map((vector) => vector.key);
      if (keys.length === 0) return;
      const fresh = keys.filter((key) => !deleted.has(key));
      if (fresh.length === 0) {
        throw new DocentError('unavailable', 'S3 Vectors still lists vectors this call deleted; try again', {
          retryable: true,
          details: { documentId, keys: keys.length },
        });
      }
      for (let from = 0; from < fresh.length; from += S3_VECTORS_LIMITS.deleteBatch) {
        const batch = fresh.slice(from, from + S3_VECTORS_LIMITS.deleteBatch);
        const command = new DeleteVectorsCommand({ ...this.#target, keys: batch });
        await callS3Vectors('DeleteVectors', () => this.#client.send(command));
      }
      for (const key of fresh) deleted.add(key);
    }
  }

  async #query(vector: number[], topK: number, filter: MetadataFilter): Promise<QueriedVector[]> {
    const command = new QueryVectorsCommand({
      ...this.#target,
      topK,
      queryVector: { float32: vector },
      filter,
      returnMetadata: true,
      returnDistance: true,
    });
    const output = await callS3Vectors('QueryVectors', () => this.#client.send(command));
    return (output.vectors ?? []).map((vector) => {
      if (vector.key === undefined) throw new DocentError('internal_error', 'S3 Vectors returned a vector without key');
      return { key: vector.key, distance: vector.distance, metadata: vector.metadata };
    });
  }
}

interface QueriedVector {
  key: string;
  distance?: number | undefined;
  metadata?: unknown;
}

/** The chunk a vector belongs to, from its metadata; a vector without one means a corrupt entry. */
const chunkOf = (vector: QueriedVector): { chunkId: string; documentId: string } => {
  const metadata = (vector.metadata ?? {}) as Record<string, unknown>;
  const chunkId = metadata[VECTOR_METADATA.chunk];
  const documentId = metadata[VECTOR_METADATA.document];
  if (typeof chunkId !== 'string' || typeof documentId !== 'string') {
    throw new DocentError('internal_error', `S3 Vectors returned vector ${vector.key} without a chunk and document id`);
  }
  return { chunkId, documentId };
};

/**
 * Cosine similarity from S3 Vectors' cosine distance (1 - similarity), clamped to [-1, 1] against
 * float error. A missing distance (never asked not to return it) would be a protocol error.
 */
export const cosineFromDistance = (distance: number | undefined): number => {
  if (distance === undefined) throw new DocentError('internal_error', 'S3 Vectors returned a vector without distance');
  return Math.min(1, Math.max(-1, 1 - distance));
};
