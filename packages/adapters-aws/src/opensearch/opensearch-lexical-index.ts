import { randomUUID } from 'node:crypto';
import type { LexicalEntry, LexicalIndex, LexicalQuery, ScoredChunk, TermStatistics } from '@docent/domain';
import type { Client } from '@opensearch-project/opensearch';
import type { BulkOptions } from './bulk-writer.ts';
import { DEFAULT_CHUNK_INDEX, type LexicalDocument } from './chunk-index.ts';
import { chunkOfHit, EntryStore, scopeFilter } from './entry-store.ts';
import { lexicalSearchBody, lexicalText, termStatisticsBody } from './lexical-query.ts';
import { checkLimit, MAX_HITS } from './search-limit.ts';

/** Where the lexical entries live. */
export interface OpenSearchIndexOptions {
  /** A client from `createOpenSearchClient`. */
  client: Client;
  /** The chunk index (default `docent-chunks`), created by `ensureChunkIndex`. */
  index?: string;
  /** Batch size and retry pause of `_bulk` writes. */
  bulk?: BulkOptions;
}

/**
 * LexicalIndex on an OpenSearch Serverless collection: one entry per chunk (`kind: lexical`) in the
 * shared chunk index, ranked by OpenSearch's BM25 over the domain's `analyzeText` terms (see
 * `lexicalText`), so tokenisation, stemming and code-like terms (`--max-time`) are the domain's.
 *
 * Consistency: AOSS makes writes searchable only after a refresh (up to a minute on vector
 * collections). Replacing a chunk id and `deleteDocument` find entries by searching, so they miss
 * entries written within that interval; `search` lists a chunk at most once should a stale copy remain.
 *
 * The shared LexicalIndex contract suite needs a real engine and does not run here: no OpenSearch
 * server exists in this environment; the adapter's tests check its requests and answers on the wire.
 */
export class OpenSearchLexicalIndex implements LexicalIndex {
  readonly #store: EntryStore;

  constructor(options: OpenSearchIndexOptions) {
    this.#store = new EntryStore(options.client, options.index ?? DEFAULT_CHUNK_INDEX, options.bulk);
  }

  /** Indexes the entries with `_bulk`, then removes earlier entries of the same chunk ids. */
  async add(entries: readonly LexicalEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const documents = entries.map(
      (entry): LexicalDocument => ({
        kind: 'lexical',
        userId: entry.ownerId,
        documentId: entry.documentId,
        chunkId: entry.chunkId,
        writeId: randomUUID(),
        text: lexicalText(entry),
      }),
    );
    await this.#store.replace('lexical', 'chunkId', documents);
  }

  /** The owner's chunks matching any query term, best BM25 score first, each chunk once. */
  async search(query: LexicalQuery): Promise<ScoredChunk[]> {
    const limit = checkLimit(query.limit);
    if (query.documentIds?.length === 0) return [];
    // Twice the limit, so a stale duplicate of a chunk (see the class comment) cannot crowd out a hit.
    const body = lexicalSearchBody(query, Math.min(limit * 2, MAX_HITS));
    if (body === null) return [];
    const result = await this.#store.search(body, 'keyword search');
    const seen = new Set<string>();
    const hits: ScoredChunk[] = [];
    for (const hit of result.hits.hits) {
      const chunk = chunkOfHit(hit);
      if (seen.has(chunk.chunkId)) continue;
      seen.add(chunk.chunkId);
      hits.push({ ...chunk, score: hit._score ?? 0 });
    }
    return hits.slice(0, limit);
  }

  /** The owner's entry count and each term's document frequency, from one `_search` with aggregations. */
  async termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics> {
    // An empty term is in no chunk; the whitespace analyser never indexes one.
    const asked = [...new Set(terms)].filter((term) => term !== '');
    const result = await this.#store.search(termStatisticsBody(ownerId, asked), 'term statistics');
    const chunkFrequencies = new Map<string, number>(terms.map((term) => [term, 0]));
    asked.forEach((term, i) => {
      chunkFrequencies.set(term, result.aggregations?.[`t${i}`]?.doc_count ?? 0);
    });
    return { chunkCount: result.hits.total?.value ?? 0, chunkFrequencies };
  }

  /** Deletes the document's lexical entries: their ids by search, then a bulk delete. */
  async deleteDocument(ownerId: string, documentId: string): Promise<void> {
    await this.#store.deleteWhere(scopeFilter('lexical', ownerId, [documentId]), 'chunkId');
  }
}
