import { createHash } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DocentError,
  type LexicalEntry,
  type LexicalIndex,
  type LexicalQuery,
  type ScoredChunk,
  type TermStatistics,
} from '@docent/domain';
import { mapLimited } from '../../s3/map-limited.ts';
import { type BatchWrite, batchWriteAll } from '../dynamo-batch-write.ts';
import { toDocumentClient } from '../dynamo-client.ts';
import { withDynamoErrors } from '../dynamo-errors.ts';
import { checkLimit, queryUpTo } from '../dynamo-page.ts';
import { type ChunkRecord, type ChunkRef, readRecords, recordDeletes, recordWrites } from './chunk-records.ts';
import { type ChunkTerms, chunkTerms, queryTerms } from './chunk-terms.ts';
import { CounterChanges, LexicalCounters } from './lexical-counters.ts';
import { chunkPk, documentPk, termKey } from './lexical-keys.ts';
import { type Posting, postingDelete, postingWrite, readPostings } from './postings.ts';
import { rankPostings } from './rank-postings.ts';
import { planTerms } from './term-plan.ts';

/** Where the index lives and how hard it may push DynamoDB. */
export interface DynamoLexicalIndexOptions {
  /** A configured client (region, credentials, endpoint, retries); never destroyed here. */
  client: DynamoDBClient;
  /** The lexical table (`LEXICAL_TABLE_KEYS`: string `pk` and `sk`, on demand). */
  tableName: string;
  /**
   * ADR 0018's posting budget: postings a search reads when the question's terms allow it (default
   * 20,000, or 6% of the owner's chunks when more). `Infinity` reads every term (full BM25).
   */
  maxPostings?: number;
  /** Requests in flight per call (default 8). */
  concurrency?: number;
  /** Strongly consistent search and termStatistics reads (default false: half the read units). */
  consistentSearch?: boolean;
  /** Items per Query page of a posting list (default: DynamoDB's 1 MB pages); small pages suit tests. */
  queryPageSize?: number;
  /** Bytes of term lists per chunk-record item (default 300,000, under DynamoDB's 400 KB item limit). */
  recordPartBytes?: number;
}

/** Bytes of term lists per record item: DynamoDB's item limit is 400 KB, and part 0 also holds a header. */
const MAX_PART_BYTES = 300_000;

/** One chunk being (re)written: the entry, its terms and what the index held before. */
interface ChunkWrite {
  entry: LexicalEntry;
  analysed: ChunkTerms;
  terms: string[];
  hash: string;
  before: (ChunkRecord & { parts: number }) | undefined;
}

/** `value` when it lies in [minimum, maximum] (and is an integer when asked); else `validation_failed` naming it. */
const checkOption = (field: string, value: number, minimum: number, maximum: number, integer = true): number => {
  if (!(value >= minimum && value <= maximum) || (integer && !Number.isSafeInteger(value))) {
    throw new DocentError(
      'validation_failed',
      `${field} must be ${integer ? 'an integer ' : ''}from ${minimum} to ${maximum}`,
      {
        details: { field },
      },
    );
  }
  return value;
};

const refOf = (entry: LexicalEntry): ChunkRef => ({ ownerId: entry.ownerId, chunkId: entry.chunkId });

const fingerprint = (documentId: string, analysed: ChunkTerms): string =>
  createHash('sha256')
    .update(JSON.stringify([documentId, analysed.length, [...analysed.terms]]))
    .digest('base64url');

/**
 * LexicalIndex on one DynamoDB table: an inverted index per owner, scored like the SQLite index's
 * FTS5 bm25() (same terms, field weights, k1, b and idf) over the owner's own statistics, within
 * ADR 0018's posting budget. Items (keys in `lexical-keys.ts`):
 * - a posting per (term, chunk) with the per-field counts, the chunk's length and document id;
 * - a counter per term (chunks holding it) and per owner (chunks, total length), changed by ADD;
 * - a record per chunk listing its terms, and an item per (document, chunk).
 *
 * Without TransactWriteItems (dynalite lacks it, and 100-item transactions would not hold a
 * document anyway), writes go in an order that keeps deletion complete: document membership and
 * a record listing old and new terms first, then postings, then counters, then the final record.
 * Any call cut short is finished by repeating it (every write is a put or delete of a fixed key),
 * or undone by `deleteDocument`, which finds every posting through the records. Readers tolerate a
 * half-written chunk: a posting carries all its scoring needs, and document frequencies are counted
 * from the posting lists read. See docs/adr (DynamoDB lexical index) for costs and the counters' drift.
 */
export class DynamoLexicalIndex implements LexicalIndex {
  readonly #client: DynamoDBDocumentClient;
  readonly #table: string;
  readonly #counters: LexicalCounters;
  readonly #maxPostings: number;
  readonly #concurrency: number;
  readonly #consistentSearch: boolean;
  readonly #pageSize: number | undefined;
  readonly #partBytes: number;

  /** @throws DocentError `validation_failed` for a bad concurrency, budget or part size. */
  constructor(options: DynamoLexicalIndexOptions) {
    this.#client = toDocumentClient(options.client);
    this.#table = options.tableName;
    this.#concurrency = checkOption('concurrency', options.concurrency ?? 8, 1, 100);
    this.#counters = new LexicalCounters(this.#client, this.#table, this.#concurrency);
    this.#maxPostings = checkOption('maxPostings', options.maxPostings ?? 20_000, 0, Number.POSITIVE_INFINITY, false);
    this.#consistentSearch = options.consistentSearch ?? false;
    this.#pageSize = options.queryPageSize;
    this.#partBytes = checkOption('recordPartBytes', options.recordPartBytes ?? MAX_PART_BYTES, 1, MAX_PART_BYTES);
  }

  /** Indexes the entries; a chunk id indexed before is replaced, one indexed identically is skipped. */
  add(entries: readonly LexicalEntry[]): Promise<void> {
    return withDynamoErrors('addLexicalEntries', async () => {
      const latest = new Map(entries.map((entry) => [chunkPk(entry.ownerId, entry.chunkId), entry]));
      const before = await readRecords(this.#client, this.#table, [...latest.values()].map(refOf));
      const writes: ChunkWrite[] = [];
      for (const [pk, entry] of latest) {
        const analysed = chunkTerms(entry);
        const hash = fingerprint(entry.documentId, analysed);
        const old = before.get(pk);
        if (old?.hash !== hash) writes.push({ entry, analysed, terms: [...analysed.terms.keys()], hash, before: old });
      }
      if (writes.length === 0) return;
      // 1. Where deletion will look: the document's chunk list, and a record naming every term written.
      const pending = writes.map(({ entry, terms, before: old }) =>
        recordWrites(
          refOf(entry),
          {
            documentId: entry.documentId,
            terms: [...new Set([...(old?.terms ?? []), ...terms])],
            counted: old?.counted ?? null,
          },
          this.#partBytes,
          old?.parts,
        ),
      );
      await this.#write([
        ...writes.map(({ entry }) => ({ put: { pk: documentPk(entry.ownerId, entry.documentId), sk: entry.chunkId } })),
        ...pending.flat(),
      ]);
      // 2. The postings: the new ones, and deletes of the terms the chunk no longer holds.
      await this.#write(writes.flatMap((write) => this.#postingChanges(write)));
      // 3. The counters, from what they counted of each chunk before.
      const changes = new CounterChanges();
      for (const { entry, analysed, terms, before: old } of writes) {
        const counted = new Set(old?.counted?.terms ?? []);
        const now = new Set(terms);
        for (const term of now) if (!counted.has(term)) changes.term(entry.ownerId, term, 1);
        for (const term of counted) if (!now.has(term)) changes.term(entry.ownerId, term, -1);
        changes.owner(entry.ownerId, old?.counted ? 0 : 1, analysed.length - (old?.counted?.length ?? 0));
      }
      await this.#counters.apply(changes);
      // 4. The final records (fingerprinted, so an identical re-add costs one read), and no
      // membership left in a document the chunk moved out of.
      await this.#write(
        writes.flatMap(({ entry, analysed, terms, hash, before: old }, i) => {
          const record = { documentId: entry.documentId, terms, counted: { length: analysed.length, terms }, hash };
          const moved = old !== undefined && old.documentId !== entry.documentId;
          const pendingParts = pending[i]?.filter((write) => 'put' in write).length;
          return [
            ...recordWrites(refOf(entry), record, this.#partBytes, pendingParts),
            ...(moved ? [{ delete: { pk: documentPk(entry.ownerId, old.documentId), sk: entry.chunkId } }] : []),
          ];
        }),
      );
    });
  }

  #postingChanges({ entry, analysed, terms, before: old }: ChunkWrite): BatchWrite[] {
    const now = new Set(terms);
    const base = { chunkId: entry.chunkId, documentId: entry.documentId, length: analysed.length };
    return [
      ...[...analysed.terms].map(([term, counts]) => postingWrite(entry.ownerId, term, { ...base, counts })),
      ...(old?.terms ?? [])
        .filter((term) => !now.has(term))
        .map((term) => postingDelete(entry.ownerId, term, entry.chunkId)),
    ];
  }

  /**
   * The owner's chunks (of `documentIds`, when given) holding any query term, best BM25 first. The
   * posting lists are read rarest term first within the budget (`planTerms`); a deferred term is read
   * only while the hits do not fill `limit`, so scores then leave out the most common terms.
   */
  search(query: LexicalQuery): Promise<ScoredChunk[]> {
    return withDynamoErrors('searchLexical', async () => {
      const limit = checkLimit(query.limit);
      const terms = queryTerms(query.text);
      if (terms.length === 0 || query.documentIds?.length === 0) return [];
      const counts = await this.#counters.read(query.ownerId, terms, this.#consistentSearch);
      if (counts.chunkCount === 0) return [];
      const statistics = { chunkCount: counts.chunkCount, averageLength: counts.totalLength / counts.chunkCount };
      const plan = planTerms(terms, counts.frequencies, {
        maxPostings: this.#maxPostings,
        limit,
        chunkCount: counts.chunkCount,
      });
      const documents = query.documentIds === undefined ? undefined : new Set(query.documentIds);
      const lists = new Map<string, Posting[]>();
      const read = async (batch: readonly string[]) => {
        const postings = await mapLimited(batch, this.#concurrency, (term) =>
          readPostings(this.#client, this.#table, query.ownerId, term, {
            consistentRead: this.#consistentSearch,
            pageSize: this.#pageSize,
          }),
        );
        batch.forEach((term, i) => {
          lists.set(term, postings[i] ?? []);
        });
        return rankPostings(lists.values(), statistics, limit, documents);
      };
      let hits = await read(plan.read);
      for (const term of plan.deferred) {
        if (hits.length >= limit) break;
        hits = await read([term]);
      }
      return hits;
    });
  }

  /** The owner's chunk count and each term's, from the counters: one BatchGetItem. */
  termStatistics(ownerId: string, terms: readonly string[]): Promise<TermStatistics> {
    return withDynamoErrors('lexicalTermStatistics', async () => {
      const keyed = new Map(terms.map((term) => [term, termKey(term)]));
      const counts = await this.#counters.read(ownerId, [...new Set(keyed.values())], this.#consistentSearch);
      return {
        chunkCount: counts.chunkCount,
        chunkFrequencies: new Map([...keyed].map(([term, key]) => [term, counts.frequencies.get(key) ?? 0])),
      };
    });
  }

  /**
   * Removes the document's postings, then its counts, then its chunk records and list. A call cut short
   * leaves the list and records in place, so repeating it finishes the job.
   */
  deleteDocument(ownerId: string, documentId: string): Promise<void> {
    return withDynamoErrors('deleteLexicalDocument', async () => {
      const members = await this.#documentChunks(ownerId, documentId);
      if (members.length === 0) return;
      const refs = members.map((chunkId) => ({ ownerId, chunkId }));
      const records = await readRecords(this.#client, this.#table, refs);
      // A chunk re-added under another document since is that document's now: only its membership goes.
      const owned = refs.flatMap((ref) => {
        const record = records.get(chunkPk(ownerId, ref.chunkId));
        return record?.documentId === documentId ? [{ ref, record }] : [];
      });
      await this.#write(
        owned.flatMap(({ ref, record }) => record.terms.map((term) => postingDelete(ownerId, term, ref.chunkId))),
      );
      const changes = new CounterChanges();
      for (const { record } of owned) {
        if (record.counted === null) continue;
        for (const term of record.counted.terms) changes.term(ownerId, term, -1);
        changes.owner(ownerId, -1, -record.counted.length);
      }
      await this.#counters.apply(changes);
      await this.#write(owned.flatMap(({ ref, record }) => recordDeletes(ref, record.parts)));
      await this.#write(members.map((chunkId) => ({ delete: { pk: documentPk(ownerId, documentId), sk: chunkId } })));
    });
  }

  /** The chunk ids listed for a document, every page, strongly consistent. */
  async #documentChunks(ownerId: string, documentId: string): Promise<string[]> {
    const items = await queryUpTo(
      this.#client,
      {
        TableName: this.#table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': documentPk(ownerId, documentId) },
        ConsistentRead: true,
      },
      Number.POSITIVE_INFINITY,
    );
    return items.map((item) => String(item.sk));
  }

  #write(writes: readonly BatchWrite[]): Promise<void> {
    return batchWriteAll(this.#client, this.#table, writes, { concurrency: this.#concurrency });
  }
}
