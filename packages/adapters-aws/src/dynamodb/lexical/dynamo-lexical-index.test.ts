import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { analyzeText, type LexicalEntry } from '@docent/domain';
import { makeLexicalEntry, uniqueId } from '@docent/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../../test-support/dynalite-test-server.ts';
import { type DynamoRequestMeter, meterDynamoRequests } from '../../../test-support/dynamo-request-meter.ts';
import { createLexicalTable } from '../dynamo-tables.ts';
import { DynamoLexicalIndex, type DynamoLexicalIndexOptions } from './dynamo-lexical-index.ts';

let dynamo: DynaliteTestServer;
let client: DynamoDBClient;
let meter: DynamoRequestMeter;
let tableName: string;
let tables = 0;

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.close());
beforeEach(async () => {
  client = dynamo.connect();
  meter = meterDynamoRequests(client);
  tableName = `lexical-test-${++tables}`;
  await createLexicalTable(dynamo.client, tableName);
});
afterEach(() => client.destroy());

const open = (options: Partial<DynamoLexicalIndexOptions> = {}) =>
  new DynamoLexicalIndex({ client, tableName, concurrency: 1, ...options });

const scan = async (): Promise<Record<string, unknown>[]> =>
  (await DynamoDBDocumentClient.from(dynamo.client).send(new ScanCommand({ TableName: tableName }))).Items ?? [];

const term = (word: string): string => analyzeText(word)[0] as string;

const ids = (hits: readonly { chunkId: string }[]) => hits.map((hit) => hit.chunkId);

describe('DynamoLexicalIndex items', () => {
  it('replacing a chunk deletes the postings of the terms it lost and moves the counts', async () => {
    const index = open();
    const entry = makeLexicalEntry({ text: 'apple banana' });
    const { ownerId } = entry;
    await index.add([entry, makeLexicalEntry({ ownerId, text: 'banana cherry' })]);
    await index.add([{ ...entry, text: 'banana orchard orchard' }]);
    const postingsOf = async (word: string) =>
      (await scan()).filter((item) => String(item.pk).endsWith(`#t#${term(word)}`) && item.sk !== 'df');
    expect(await postingsOf('apple')).toEqual([]);
    expect(await postingsOf('orchard')).toEqual([
      // Length: the body's three terms and the file name's (`notes.txt`, its parts).
      expect.objectContaining({
        sk: `c#${entry.chunkId}`,
        d: entry.documentId,
        b: 2,
        l: 3 + analyzeText(entry.documentName).length,
      }),
    ]);
    const stats = await index.termStatistics(ownerId, ['apple', 'banana', 'orchard'].map(term));
    expect(stats.chunkCount).toBe(2);
    expect([...stats.chunkFrequencies.values()]).toEqual([0, 2, 1]);
    // The counter of a term no chunk holds any more is deleted, not left at zero.
    expect((await scan()).filter((item) => String(item.pk).endsWith(`#t#${term('apple')}`))).toEqual([]);
  });

  it('re-adding an identical entry writes nothing, and moving a chunk to another document moves its listing', async () => {
    const index = open();
    const entry = makeLexicalEntry({ text: 'lamp oil' });
    await index.add([entry]);
    meter.reset();
    await index.add([entry]);
    expect(meter.requests('BatchWriteItem')).toBe(0);
    expect(meter.requests('UpdateItem')).toBe(0);
    const moved = { ...entry, documentId: uniqueId('doc') };
    await index.add([moved]);
    await index.deleteDocument(entry.ownerId, entry.documentId);
    expect(ids(await index.search({ ownerId: entry.ownerId, text: 'lamp', limit: 5 }))).toEqual([entry.chunkId]);
    await index.deleteDocument(entry.ownerId, moved.documentId);
    expect(await scan()).toEqual([]);
  });

  it("deleteDocument leaves no item of the document, and none at all once the owner's last one goes", async () => {
    const index = open();
    const ownerId = uniqueId('owner');
    const gone = uniqueId('doc');
    const kept = makeLexicalEntry({ ownerId, text: 'lamp river', heading: 'Stone' });
    await index.add([
      kept,
      ...['lamp wick', 'lamp glass stone', 'violin'].map((text) =>
        makeLexicalEntry({ ownerId, documentId: gone, text }),
      ),
    ]);
    await index.deleteDocument(ownerId, gone);
    const left = await scan();
    expect(left.filter((item) => JSON.stringify(item).includes(gone))).toEqual([]);
    expect(left.filter((item) => String(item.sk).startsWith('c#')).map((item) => item.d)).toEqual(
      Array(new Set(analyzeText(`${kept.text} ${kept.heading} ${kept.documentName}`)).size).fill(kept.documentId),
    );
    const stats = await index.termStatistics(ownerId, ['lamp', 'stone', 'violin'].map(term));
    expect({ chunks: stats.chunkCount, df: [...stats.chunkFrequencies.values()] }).toEqual({
      chunks: 1,
      df: [1, 1, 0],
    });
    await index.deleteDocument(ownerId, kept.documentId);
    expect(await scan()).toEqual([]);
  });

  it('reads long posting lists page by page', async () => {
    const index = open({ queryPageSize: 2 });
    const ownerId = uniqueId('owner');
    const entries = Array.from({ length: 7 }, (_, i) =>
      makeLexicalEntry({ ownerId, text: `lamp ${'oil '.repeat(i)}` }),
    );
    await index.add(entries);
    meter.reset();
    const hits = await index.search({ ownerId, text: 'lamp', limit: 10 });
    expect(ids(hits).sort()).toEqual(ids(entries).sort());
    // Seven postings two per page: four pages (the last one empty-handed or short).
    expect(meter.requests('Query')).toBe(4);
    expect(meter.requests('BatchGetItem')).toBe(1);
  });

  it('splits a chunk record too large for one item into parts, and drops the surplus when it shrinks', async () => {
    const index = open({ recordPartBytes: 60 });
    const words = Array.from({ length: 40 }, (_, i) => `word${i}x`);
    const entry = makeLexicalEntry({ text: words.join(' ') });
    const partsOf = async () =>
      (await scan()).filter((item) => String(item.pk).includes(`#c#${entry.chunkId}`)).map((item) => item.sk);
    await index.add([entry]);
    expect((await partsOf()).length).toBeGreaterThan(4);
    expect(ids(await index.search({ ownerId: entry.ownerId, text: 'word39x', limit: 3 }))).toEqual([entry.chunkId]);
    await index.add([{ ...entry, text: 'short' }]);
    expect(await partsOf()).toEqual(['0']);
    expect(await index.search({ ownerId: entry.ownerId, text: 'word39x', limit: 3 })).toEqual([]);
    await index.deleteDocument(entry.ownerId, entry.documentId);
    expect(await scan()).toEqual([]);
  });

  it('keys terms too long for a key by their hash, and owners apart whatever their ids hold', async () => {
    const index = open();
    const long = `${'a1'.repeat(400)}`;
    const odd = makeLexicalEntry({ ownerId: 'x#t#lamp', text: `lamp ${long}` });
    const plain = makeLexicalEntry({ ownerId: 'x', text: 'lamp' });
    await index.add([odd, plain]);
    expect(ids(await index.search({ ownerId: odd.ownerId, text: long, limit: 3 }))).toEqual([odd.chunkId]);
    expect((await index.termStatistics(odd.ownerId, [long])).chunkFrequencies.get(long)).toBe(1);
    expect(ids(await index.search({ ownerId: 'x', text: 'lamp', limit: 3 }))).toEqual([plain.chunkId]);
  });
});

describe('DynamoLexicalIndex options', () => {
  it.each([
    [{ concurrency: 0 }, 'concurrency'],
    [{ maxPostings: Number.NaN }, 'maxPostings'],
    [{ recordPartBytes: 400_000 }, 'recordPartBytes'],
  ])('refuses %o', (options, field) => {
    expect(() => open(options)).toThrow(expect.objectContaining({ code: 'validation_failed', details: { field } }));
  });
});

describe('DynamoLexicalIndex without transactions', () => {
  const corpus = (ownerId: string, documentId: string): LexicalEntry[] =>
    ['lamp wick oil', 'lamp glass', 'river stone lamp'].map((text) => makeLexicalEntry({ ownerId, documentId, text }));

  // Step 1 writes listings and records (1 request of 6 items), step 2 the postings (8 items): with
  // concurrency 1, requests 1 and 2 are those steps; the counters come after.
  it.each([1, 2])(
    'an add cut short at BatchWriteItem %i is undone by deleteDocument and finished by a retry',
    async (n) => {
      const index = open();
      const ownerId = uniqueId('owner');
      const documentId = uniqueId('doc');
      const entries = corpus(ownerId, documentId);
      meter.failAt('BatchWriteItem', n);
      await expect(index.add(entries)).rejects.toThrow();
      // Whatever was written is searchable without error: a posting needs no other item.
      await index.search({ ownerId, text: 'lamp', limit: 10 });
      await index.deleteDocument(ownerId, documentId);
      expect(await scan()).toEqual([]);

      meter.failAt('BatchWriteItem', n);
      await expect(index.add(entries)).rejects.toThrow();
      await index.add(entries);
      const stats = await index.termStatistics(ownerId, [term('lamp'), term('river')]);
      expect({ chunks: stats.chunkCount, df: [...stats.chunkFrequencies.values()] }).toEqual({ chunks: 3, df: [3, 1] });
      expect(ids(await index.search({ ownerId, text: 'river', limit: 10 }))).toEqual([entries[2]?.chunkId]);
    },
  );
});
