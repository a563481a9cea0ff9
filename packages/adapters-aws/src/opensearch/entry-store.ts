import { DocentError } from '@docent/domain';
import type { Client } from '@opensearch-project/opensearch';
import { type BulkOperation, type BulkOptions, bulkFailureError, bulkWrite } from './bulk-writer.ts';
import type { EntryKind, StoredEntry } from './chunk-index.ts';
import { callOpenSearch } from './opensearch-errors.ts';

/** The part of a `_search` answer the adapters read. */
export interface SearchResult {
  hits: {
    total?: { value: number };
    hits: Array<{ _id: string; _score?: number | null; _source?: Record<string, unknown>; sort?: unknown[] }>;
  };
  aggregations?: Record<string, { doc_count?: number }>;
}

/** One search hit. */
export type SearchHit = SearchResult['hits']['hits'][number];

/** The chunk a hit belongs to, read from its `_source`; a hit without one means a corrupt entry. */
export const chunkOfHit = (hit: SearchHit): { chunkId: string; documentId: string } => {
  const chunkId = hit._source?.chunkId;
  const documentId = hit._source?.documentId;
  if (typeof chunkId !== 'string' || typeof documentId !== 'string') {
    throw new DocentError('internal_error', `OpenSearch returned entry ${hit._id} without a chunk and document id`);
  }
  return { chunkId, documentId };
};

/** The field that identifies an entry to its port: a chunk id (lexical) or an entry id (vector). */
export type KeyField = 'chunkId' | 'entryId';

/** A query clause, as OpenSearch's query DSL. */
export type Clause = Record<string, unknown>;

/**
 * The filter clauses scoping a query to one port's entries of one owner, and to some of their
 * documents when `documentIds` is given.
 */
export const scopeFilter = (kind: EntryKind, ownerId: string, documentIds?: readonly string[]): Clause[] => [
  { term: { kind } },
  { term: { userId: ownerId } },
  ...(documentIds === undefined ? [] : [{ terms: { documentId: [...documentIds] } }]),
];

/** Entries found per `_search` page while collecting ids to delete. */
const PAGE_SIZE = 1000;
/** Keys per `terms` clause when looking up earlier versions of the entries being written. */
const KEYS_PER_LOOKUP = 1000;

interface Found {
  id: string;
  key: string;
}

/**
 * Reads and writes entries of one index. AOSS vector collections reject client-chosen `_id`s and do not
 * offer `_delete_by_query`, so "replace the entry with this key" and "delete every entry of a document"
 * are both a search for the server-assigned `_id`s followed by bulk deletes of those ids.
 */
export class EntryStore {
  readonly #client: Client;
  readonly #index: string;
  readonly #bulk: BulkOptions;

  constructor(client: Client, index: string, bulk: BulkOptions = {}) {
    this.#client = client;
    this.#index = index;
    this.#bulk = bulk;
  }

  /** Runs a `_search` on the index. */
  async search(body: object, action: string): Promise<SearchResult> {
    const response = await callOpenSearch(action, () => this.#client.search({ index: this.#index, body }));
    return response.body as unknown as SearchResult;
  }

  /**
   * Writes the entries, then deletes the earlier versions of their keys. New before old, so a key is
   * never missing; an old version is kept when its replacement failed. Throws when any write failed.
   * Earlier versions written within the refresh interval are not yet searchable and so stay.
   */
  async replace<K extends KeyField>(
    kind: EntryKind,
    keyField: K,
    entries: ReadonlyArray<StoredEntry & Record<K, string>>,
  ): Promise<void> {
    // A key given twice keeps its last entry, as a second write of it would.
    const latest = [...new Map(entries.map((entry) => [entry[keyField], entry])).values()];
    const keys = latest.map((entry) => entry[keyField]);
    const earlier: Found[] = [];
    for (let from = 0; from < keys.length; from += KEYS_PER_LOOKUP) {
      const batch = keys.slice(from, from + KEYS_PER_LOOKUP);
      earlier.push(...(await this.#find([{ term: { kind } }, { terms: { [keyField]: batch } }], keyField)));
    }
    const writes: BulkOperation[] = latest.map((entry) => ({
      action: 'index',
      key: entry[keyField],
      document: entry,
    }));
    const failed = await bulkWrite(this.#client, this.#index, writes, this.#bulk);
    const failedKeys = new Set(failed.map((failure) => failure.key));
    await this.#delete(earlier.filter((found) => !failedKeys.has(found.key)));
    if (failed.length > 0) throw bulkFailureError(failed, writes.length);
  }

  /** Deletes every entry matching all the filter clauses. */
  async deleteWhere(filters: readonly Clause[], keyField: KeyField): Promise<void> {
    await this.#delete(await this.#find(filters, keyField));
  }

  async #delete(found: readonly Found[]): Promise<void> {
    const deletes: BulkOperation[] = found.map(({ id, key }) => ({ action: 'delete', key, id }));
    const failed = await bulkWrite(this.#client, this.#index, deletes, this.#bulk);
    if (failed.length > 0) throw bulkFailureError(failed, deletes.length);
  }

  /** Every matching entry, paged in `writeId` order (our deletes stay invisible to search until a refresh). */
  async #find(filters: readonly Clause[], keyField: KeyField): Promise<Found[]> {
    const found: Found[] = [];
    let after: unknown[] | undefined;
    for (;;) {
      const result = await this.search(
        {
          size: PAGE_SIZE,
          _source: [keyField],
          query: { bool: { filter: filters } },
          sort: [{ writeId: 'asc' }],
          ...(after === undefined ? {} : { search_after: after }),
        },
        'entry lookup',
      );
      const { hits } = result.hits;
      for (const hit of hits) found.push({ id: hit._id, key: String(hit._source?.[keyField] ?? hit._id) });
      after = hits.at(-1)?.sort;
      if (hits.length < PAGE_SIZE || after === undefined) return found;
    }
  }
}
