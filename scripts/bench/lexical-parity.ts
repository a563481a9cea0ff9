/**
 * Shared by `dynamo-lexical.ts` and its test: real documents chunked as processing chunks them,
 * indexed by the SQLite lexical index (the reference) and by DynamoLexicalIndex on dynalite, and
 * compared question by question, with DynamoDB's requests and capacity units counted.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoLexicalIndex } from '@docent/adapters-aws/dynamodb';
import { openLocalStore } from '@docent/adapters-local';
import {
  analyzeText,
  chunkDocument,
  type LexicalEntry,
  type LexicalIndex,
  normalizeDocument,
  systemClock,
} from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { createLexicalTable } from '../../packages/adapters-aws/src/dynamodb/dynamo-tables.ts';
import { startDynalite } from '../../packages/adapters-aws/test-support/dynalite-test-server.ts';
import {
  type DynamoRequestMeter,
  meterDynamoRequests,
} from '../../packages/adapters-aws/test-support/dynamo-request-meter.ts';

const OWNER = 'parity-owner';
/** The retriever's lexical candidates per question. */
export const CANDIDATES = 100;

/** Characters per page of documents without pages, as the cost model counts them (scripts/bench/aws-prices.ts). */
const CHARS_PER_PAGE = 3_000;

/** A QA set's documents as lexical entries, one list per document, and their pages (PDF pages, else 3,000 characters). */
export interface QaCorpus {
  documents: LexicalEntry[][];
  pages: number;
}

/** A QA set's documents (`names`, or all of `qaDir/docs`), chunked as processing chunks them. */
export const chunkQaDocuments = async (qaDir: string, names?: readonly string[]): Promise<QaCorpus> => {
  const extractor = new DocumentExtractor();
  const documents: LexicalEntry[][] = [];
  let pages = 0;
  for (const name of names ?? readdirSync(path.join(qaDir, 'docs')).sort()) {
    const bytes = new Uint8Array(readFileSync(path.join(qaDir, 'docs', name)));
    const type = extractor.detectType(name, bytes);
    if (type === null) throw new Error(`unknown type: ${name}`);
    const raw = await extractor.extract(bytes, type);
    const text = normalizeDocument(raw);
    pages += raw.pageCount ?? Math.max(1, Math.ceil(text.text.length / CHARS_PER_PAGE));
    const drafts = chunkDocument(text);
    documents.push(
      drafts.map((draft) => ({
        chunkId: `${name}#${draft.ordinal}`,
        documentId: name,
        ownerId: OWNER,
        text: draft.text,
        documentName: name,
        ...(draft.heading === undefined ? {} : { heading: draft.heading }),
      })),
    );
  }
  return { documents, pages };
};

/** A QA set's questions. */
export const loadQaQuestions = (qaDir: string): string[] =>
  readFileSync(path.join(qaDir, 'questions.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { question: string }).question);

/** What comparing the two indexes on one corpus found. */
export interface ParityReport {
  chunks: number;
  pages: number;
  /** Items in the table and their size as a consistent Scan reads it (4 KB per read unit); 0 without `storage`. */
  table: { items: number; approximateBytes: number };
  questions: number;
  /** Questions whose top 10 are the same chunks in the same order in both. */
  sameTop10: number;
  /** Mean share of the SQLite top 10 also in DynamoDB's top 10. */
  top10Overlap: number;
  /** Mean share of the SQLite top 100 (the retriever's candidates) also in DynamoDB's. */
  top100Overlap: number;
  /** Per indexed chunk: DynamoDB requests and write capacity units. */
  perChunk: { requests: number; writeUnits: number; readUnits: number };
  /** Per question (a search for 100 candidates plus termStatistics, as the retriever asks). */
  perQuestion: { requests: number; readUnits: number };
  /** Per chunk, what deleting every document cost (0 without `storage`). */
  perDeletedChunk: { requests: number; writeUnits: number; readUnits: number };
  /** Requests per operation over the whole run. */
  operations: Record<string, { requests: number; capacityUnits: number }>;
}

const TABLE = 'lexical-parity';

/** Requests and units counted so far, divided by `n`. */
const perUnit = (meter: DynamoRequestMeter, n: number) => ({
  requests: [...meter.operations.values()].reduce((sum, tally) => sum + tally.requests, 0) / n,
  writeUnits: meter.writeUnits() / n,
  readUnits: meter.readUnits() / n,
});

const overlap = (a: readonly string[], b: readonly string[]): number =>
  a.length === 0 ? 1 : a.filter((id) => b.includes(id)).length / a.length;

const ask = (index: LexicalIndex, question: string) =>
  index.search({ ownerId: OWNER, text: question, limit: CANDIDATES });

/**
 * Indexes the corpus in both indexes, asks every question of both and compares, counting DynamoDB's
 * work; with `storage` (default) also the table's size and what deleting every document costs.
 */
export const compareWithSqlite = async (
  corpus: QaCorpus,
  questions: readonly string[],
  { storage = true }: { storage?: boolean } = {},
): Promise<ParityReport> => {
  const { documents } = corpus;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'docent-lexical-parity-'));
  const store = openLocalStore({ dataDir, dimensions: 8, clock: systemClock, sessionTtlMs: 60_000 });
  const dynamo = await startDynalite();
  const client = dynamo.connect();
  try {
    await createLexicalTable(dynamo.client, TABLE);
    const meter = meterDynamoRequests(client);
    const index = new DynamoLexicalIndex({ client, tableName: TABLE });
    for (const entries of documents) {
      await store.LexicalIndex.add(entries);
      await index.add(entries);
    }
    const chunks = documents.reduce((sum, entries) => sum + entries.length, 0);
    const perChunk = perUnit(meter, chunks);
    const operations = Object.fromEntries(meter.operations);
    meter.reset();
    const table = { items: 0, approximateBytes: 0 };
    let start: Record<string, unknown> | undefined;
    while (storage) {
      // Select COUNT still reads (and bills) every item: the units measure the table's size.
      const page = await DynamoDBDocumentClient.from(client).send(
        new ScanCommand({ TableName: TABLE, ConsistentRead: true, Select: 'COUNT', ExclusiveStartKey: start }),
      );
      table.items += page.Count ?? 0;
      start = page.LastEvaluatedKey;
      if (start === undefined) break;
    }
    table.approximateBytes = meter.readUnits() * 4096;
    meter.reset();
    let sameTop10 = 0;
    let top10 = 0;
    let top100 = 0;
    for (const question of questions) {
      const expected = (await ask(store.LexicalIndex, question)).map((hit) => hit.chunkId);
      const actual = (await ask(index, question)).map((hit) => hit.chunkId);
      await index.termStatistics(OWNER, analyzeText(question));
      if (expected.slice(0, 10).join() === actual.slice(0, 10).join()) sameTop10++;
      top10 += overlap(expected.slice(0, 10), actual.slice(0, 10));
      top100 += overlap(expected, actual);
    }
    const perQuestion = perUnit(meter, questions.length);
    const searchOperations = Object.fromEntries([...meter.operations].map(([op, tally]) => [`search:${op}`, tally]));
    meter.reset();
    if (storage) for (const entries of documents) await index.deleteDocument(OWNER, entries[0]?.documentId ?? '');
    return {
      chunks,
      pages: corpus.pages,
      table,
      questions: questions.length,
      sameTop10,
      top10Overlap: top10 / questions.length,
      top100Overlap: top100 / questions.length,
      perChunk,
      perQuestion: { requests: perQuestion.requests, readUnits: perQuestion.readUnits },
      perDeletedChunk: perUnit(meter, chunks),
      operations: { ...operations, ...searchOperations },
    };
  } finally {
    client.destroy();
    await dynamo.close();
    store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
