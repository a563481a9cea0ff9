import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { expectDocentError, isoAt, makeCitation, makeHistoryEntry, makeUsage, uniqueId } from '@docent/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { DynamoQueryHistoryRepository } from './dynamo-query-history-repository.ts';

let dynamo: DynaliteTestServer;
let raw: DynamoDBDocumentClient;
let table: string;
let repo: DynamoQueryHistoryRepository;

beforeAll(async () => {
  dynamo = await startDynalite();
  raw = DynamoDBDocumentClient.from(dynamo.client);
});
afterAll(() => dynamo.close());
beforeEach(async () => {
  table = (await dynamo.createTables()).queryHistory;
  repo = new DynamoQueryHistoryRepository({ client: dynamo.client, tableName: table });
});

describe('DynamoQueryHistoryRepository items', () => {
  it('keys entries by UTC instant and id, and keeps the conversation and cited documents as index data', async () => {
    const documentId = uniqueId('doc');
    const entry = makeHistoryEntry({
      askedAt: '2024-03-01T12:00:00+02:00',
      conversationId: 'conv#1',
      citations: [makeCitation(documentId), makeCitation(documentId, { charStart: 50, charEnd: 71 })],
      usage: makeUsage({ costUsd: 0.25 }),
    });
    await repo.add(entry);
    const key = { userId: entry.ownerId, askedAtId: `2024-03-01T10:00:00.000Z#${entry.id}` };
    const item = (await raw.send(new GetCommand({ TableName: table, Key: key }))).Item;
    expect(item).toMatchObject({
      userConversationId: `${entry.ownerId}#conv#1`,
      citedDocumentIds: new Set([documentId]),
      usageModel: entry.usage?.model,
      costUsd: '0.25',
    });
    expect((await repo.list(entry.ownerId, { limit: 1 })).items).toStrictEqual([entry]);
  });

  it('gives back costs no DynamoDB number can hold, exactly', async () => {
    const owner = uniqueId('owner');
    const costs = [5e-324, 1e-200, -0, 0.1 + 0.2];
    for (const [index, costUsd] of costs.entries()) {
      await repo.add(makeHistoryEntry({ ownerId: owner, askedAt: isoAt(index), usage: makeUsage({ costUsd }) }));
    }
    const listed = (await repo.list(owner, { limit: 10 })).items.reverse();
    expect(listed.map((entry) => entry.usage?.costUsd)).toEqual(costs);
    expect(Object.is(listed[2]?.usage?.costUsd, -0)).toBe(true);
  });

  it('refuses a second entry with the same time and id, and a time it cannot sort', async () => {
    const entry = makeHistoryEntry();
    await repo.add(entry);
    await expectDocentError(repo.add({ ...entry, question: 'again?' }), 'conflict');
    await expectDocentError(repo.add(makeHistoryEntry({ askedAt: 'soon' })), 'validation_failed');
    expect((await repo.list(entry.ownerId, { limit: 5 })).items).toEqual([entry]);
  });
});

describe('DynamoQueryHistoryRepository conversations', () => {
  it("never mixes owners whose ids contain '#' with other owners' conversation ids", async () => {
    const mine = makeHistoryEntry({ ownerId: 'a#b', conversationId: 'c' });
    const theirs = makeHistoryEntry({ ownerId: 'a', conversationId: 'b#c' });
    const percent = makeHistoryEntry({ ownerId: 'a%23b', conversationId: 'c' });
    for (const entry of [mine, theirs, percent]) await repo.add(entry);
    expect(await repo.conversation('a#b', 'c', 5)).toEqual([mine]);
    expect(await repo.conversation('a', 'b#c', 5)).toEqual([theirs]);
    expect(await repo.conversation('a%23b', 'c', 5)).toEqual([percent]);
  });
});

describe('DynamoQueryHistoryRepository.redactDocument', () => {
  it('redacts every citing entry of a long history, once, even when two redactions race', async () => {
    const owner = uniqueId('owner');
    const documentId = uniqueId('doc');
    for (let i = 0; i < 30; i++) {
      const citations = i % 3 === 0 ? [makeCitation(uniqueId('doc'))] : [makeCitation(documentId)];
      await repo.add(makeHistoryEntry({ ownerId: owner, askedAt: isoAt(i), citations }));
    }
    const counts = await Promise.all([repo.redactDocument(owner, documentId), repo.redactDocument(owner, documentId)]);
    expect(counts[0] + counts[1]).toBe(20);
    const entries = (await repo.list(owner, { limit: 50 })).items;
    expect(entries.filter((entry) => entry.redacted === true)).toHaveLength(20);
    expect(entries.filter((entry) => entry.citations.length === 1)).toHaveLength(10);
  });

  it('keeps the entry scope but no longer finds the redacted entries by the document', async () => {
    const owner = uniqueId('owner');
    const documentId = uniqueId('doc');
    const entry = makeHistoryEntry({
      ownerId: owner,
      citations: [makeCitation(documentId)],
      documentIds: [documentId],
    });
    await repo.add(entry);
    expect(await repo.redactDocument(owner, documentId)).toBe(1);
    const [redacted] = (await repo.list(owner, { limit: 1 })).items;
    expect(redacted).toStrictEqual({ ...entry, answer: '', citations: [], redacted: true });
    const key = { userId: owner, askedAtId: `${entry.askedAt}#${entry.id}` };
    expect((await raw.send(new GetCommand({ TableName: table, Key: key }))).Item?.citedDocumentIds).toBeUndefined();
  });
});
