import {
  analyzeText,
  DocentError,
  type LexicalEntry,
  type LexicalIndex,
  type LexicalQuery,
  type ScoredChunk,
  type TermStatistics,
} from '@docent/domain';
import { Bm25fShard, type Bm25Options } from './bm25f-shard.ts';

/** Options of InMemoryLexicalIndex; every field has a default. */
export interface InMemoryLexicalIndexOptions {
  /** Term-frequency saturation (default 1.2). */
  k1?: number;
  /** Length normalisation (default 0.75). */
  b?: number;
  /**
   * Field weights relative to the body text (default heading 2, document name 1.5): a section title
   * or file name naming the query's subject is stronger evidence than a passing mention.
   */
  weights?: Partial<Bm25Options['weights']>;
}

/** Real BM25F keyword search in memory over `analyzeText` terms, one shard per owner. */
export class InMemoryLexicalIndex implements LexicalIndex {
  private readonly options: Bm25Options;
  private readonly shards = new Map<string, Bm25fShard>();
  /** Which owner holds each chunk, so re-adding a chunk id replaces it wherever it was. */
  private readonly ownerOfChunk = new Map<string, string>();

  constructor(options: InMemoryLexicalIndexOptions = {}) {
    this.options = {
      k1: options.k1 ?? 1.2,
      b: options.b ?? 0.75,
      weights: { text: 1, heading: 2, documentName: 1.5, ...options.weights },
    };
  }

  async add(entries: readonly LexicalEntry[]): Promise<void> {
    for (const entry of entries) {
      const previousOwner = this.ownerOfChunk.get(entry.chunkId);
      if (previousOwner !== undefined && previousOwner !== entry.ownerId)
        this.shards.get(previousOwner)?.remove(entry.chunkId);
      let shard = this.shards.get(entry.ownerId);
      if (shard === undefined) {
        shard = new Bm25fShard();
        this.shards.set(entry.ownerId, shard);
      }
      shard.add(entry);
      this.ownerOfChunk.set(entry.chunkId, entry.ownerId);
    }
  }

  async search(query: LexicalQuery): Promise<ScoredChunk[]> {
    if (!Number.isInteger(query.limit) || query.limit < 1) {
      throw new DocentError('validation_failed', 'The search limit must be a positive integer.');
    }
    const terms = analyzeText(query.text);
    const shard = this.shards.get(query.ownerId);
    if (terms.length === 0 || shard === undefined) return [];
    const documentIds = query.documentIds === undefined ? undefined : new Set(query.documentIds);
    return shard.search(terms, this.options, query.limit, documentIds);
  }

  async termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics> {
    const shard = this.shards.get(ownerId);
    return {
      chunkCount: shard?.size ?? 0,
      chunkFrequencies: new Map(terms.map((term) => [term, shard?.frequency(term) ?? 0])),
    };
  }

  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    const shard = this.shards.get(ownerId);
    if (shard === undefined) return;
    for (const chunkId of shard.chunksOf(documentId)) {
      shard.remove(chunkId);
      this.ownerOfChunk.delete(chunkId);
    }
    if (shard.size === 0) this.shards.delete(ownerId);
  }
}
