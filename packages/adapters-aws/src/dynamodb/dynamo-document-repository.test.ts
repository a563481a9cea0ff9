import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expectDocentError, isoAt, ManualClock, makeDocument, uniqueId } from '@docent/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { DynamoDocumentRepository } from './dynamo-document-repository.ts';
import { DOCUMENT_INDEXES } from './dynamo-schema.ts';

const STALE_MS = 60_000;

let dynamo: DynaliteTestServer;
let raw: DynamoDBDocumentClient;
let table: string;
let clock: ManualClock;
let repo: DynamoDocumentRepository;

beforeAll(async () => {
  dynamo = await startDynalite();
  raw = DynamoDBDocumentClient.from(dynamo.client);
});
afterAll(() => dynamo.close());
beforeEach(async () => {
  table = (await dynamo.createTables()).documents;
  clock = new ManualClock(new Date(isoAt(1000)));
  repo = new DynamoDocumentRepository({ client: dynamo.client, tableName: table, clock, staleGuardMs: STALE_MS });
});

const rawGet = async (userId: string, documentId: string) =>
  (await raw.send(new GetCommand({ TableName: table, Key: { userId, documentId } }))).Item;

/** Writes a guard as a create that crashed after claiming the bytes would have left it. */
const plantGuard = (ownerId: string, sha256: string, holder: string, claimedAt: string) =>
  raw.send(
    new PutCommand({ TableName: table, Item: { userId: ownerId, documentId: `SHA#${sha256}`, holder, claimedAt } }),
  );

describe('DynamoDocumentRepository items and indexes', () => {
  it('stores the upload instant in UTC with the id as the index sort key, and the record as given', async () => {
    const document = makeDocument({ uploadedAt: '2024-01-01T01:30:00+01:00' });
    await repo.create(document);
    expect(await rawGet(document.ownerId, document.id)).toMatchObject({
      uploadedAtId: `2024-01-01T00:30:00.000Z#${document.id}`,
      uploadedAt: '2024-01-01T01:30:00+01:00',
    });
    expect(await repo.get(document.ownerId, document.id)).toEqual(document);
  });

  it('orders uploads by instant, whatever the offset they were written with', async () => {
    const owner = uniqueId('owner');
    const early = makeDocument({ ownerId: owner, id: 'z-early', uploadedAt: '2024-01-01T05:00:00+05:00' });
    const late = makeDocument({ ownerId: owner, id: 'a-late', uploadedAt: '2024-01-01T00:00:01Z' });
    await repo.create(late);
    await repo.create(early);
    expect((await repo.list(owner, { limit: 5 })).items.map((document) => document.id)).toEqual(['a-late', 'z-early']);
  });

  it('keeps a guard item per (owner, sha256) out of both indexes, and removes it with the document', async () => {
    const document = makeDocument();
    await repo.create(document);
    expect(await rawGet(document.ownerId, `SHA#${document.sha256}`)).toMatchObject({ holder: document.id });
    const byStatus = await raw.send(
      new QueryCommand({
        TableName: table,
        IndexName: DOCUMENT_INDEXES.byStatus,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': 'uploaded' },
      }),
    );
    expect(byStatus.Items).toEqual([
      { userId: document.ownerId, documentId: document.id, status: 'uploaded', uploadedAtId: expect.any(String) },
    ]);
    expect(await repo.count(document.ownerId)).toBe(1);
    await repo.delete(document.ownerId, document.id);
    expect(await rawGet(document.ownerId, `SHA#${document.sha256}`)).toBeUndefined();
  });

  it('moves a document between status partitions of the status index when its status changes', async () => {
    const document = makeDocument();
    await repo.create(document);
    await repo.update(document.ownerId, document.id, { status: 'processing' });
    const processing = await raw.send(
      new QueryCommand({
        TableName: table,
        IndexName: DOCUMENT_INDEXES.byStatus,
        KeyConditionExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': 'processing' },
      }),
    );
    expect(processing.Items?.map((item) => item.documentId)).toEqual([document.id]);
  });

  it('keeps only documents in flight in the sparse in-flight index, keyed by their last change', async () => {
    const document = makeDocument();
    await repo.create(document);
    const inFlight = async () =>
      (
        await raw.send(
          new QueryCommand({
            TableName: table,
            IndexName: DOCUMENT_INDEXES.inFlight,
            KeyConditionExpression: 'inFlightStatus = :status',
            ExpressionAttributeValues: { ':status': 'processing' },
          }),
        )
      ).Items?.map((item) => item.changedAtId);
    clock.advance(5_000);
    await repo.update(document.ownerId, document.id, { status: 'processing' });
    expect(await inFlight()).toEqual([`${clock.now().toISOString()}#${document.id}`]);
    await repo.update(document.ownerId, document.id, { status: 'ready' });
    expect(await inFlight()).toEqual([]);
    expect(await rawGet(document.ownerId, document.id)).not.toHaveProperty('inFlightStatus');
  });

  it('never treats a guard item as a document', async () => {
    const document = makeDocument();
    await repo.create(document);
    const guardId = `SHA#${document.sha256}`;
    expect(await repo.get(document.ownerId, guardId)).toBeNull();
    expect(await repo.getMany(document.ownerId, [guardId, document.id])).toEqual([document]);
    expect(await repo.update(document.ownerId, guardId, { status: 'ready' })).toBeNull();
    expect(await repo.delete(document.ownerId, guardId)).toBe(false);
    expect(await rawGet(document.ownerId, guardId)).toMatchObject({ holder: document.id });
    await expectDocentError(repo.create(makeDocument({ id: guardId })), 'validation_failed');
  });

  it('does not bring back a deleted document when a late update arrives', async () => {
    const document = makeDocument();
    await repo.create(document);
    await repo.delete(document.ownerId, document.id);
    expect(
      await repo.update(document.ownerId, document.id, { progress: { stage: 'done', done: 1, total: 1 } }),
    ).toBeNull();
    expect(await rawGet(document.ownerId, document.id)).toBeUndefined();
  });

  it('refuses a timestamp it cannot sort and writes nothing', async () => {
    const document = makeDocument({ uploadedAt: 'yesterday' });
    await expectDocentError(repo.create(document), 'validation_failed');
    expect(await rawGet(document.ownerId, `SHA#${document.sha256}`)).toBeUndefined();
    await expectDocentError(
      repo.create(makeDocument({ uploadedAt: '+010000-01-01T00:00:00.000Z' })),
      'validation_failed',
    );
  });

  it('rejects page cursors it did not make', async () => {
    for (const cursor of ['', 'not-a-cursor', Buffer.from('["yesterday","x"]').toString('base64url')]) {
      await expectDocentError(repo.list(uniqueId('owner'), { limit: 2, cursor }), 'validation_failed');
    }
    await expectDocentError(repo.list(uniqueId('owner'), { limit: 0 }), 'validation_failed');
  });

  it('getMany reads more than one batch and answers each asked id once, in the order asked', async () => {
    const owner = uniqueId('owner');
    const documents = Array.from({ length: 130 }, () => makeDocument({ ownerId: owner }));
    for (const document of documents) await repo.create(document);
    const asked = [...documents].reverse().map((document) => document.id);
    const found = await repo.getMany(owner, [...asked, asked[0] ?? '']);
    expect(found.map((document) => document.id)).toEqual(asked);
  });
});

describe('DynamoDocumentRepository sha256 uniqueness', () => {
  it('lets exactly one of several concurrent creates of the same bytes win', async () => {
    const first = makeDocument();
    const rivals = Array.from({ length: 6 }, () => makeDocument({ ownerId: first.ownerId, sha256: first.sha256 }));
    const results = await Promise.allSettled([first, ...rivals].map((document) => repo.create(document)));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toMatchObject({ code: 'conflict' });
    }
    expect(await repo.count(first.ownerId)).toBe(1);
    const winner = await repo.findBySha256(first.ownerId, first.sha256);
    expect(winner?.sha256).toBe(first.sha256);
  });

  it('takes over a guard abandoned by a crash once it is older than staleGuardMs', async () => {
    const document = makeDocument();
    await plantGuard(document.ownerId, document.sha256, uniqueId('crashed'), isoAt(1000 - STALE_MS / 1000 - 1));
    expect(await repo.findBySha256(document.ownerId, document.sha256)).toBeNull();
    await repo.create(document);
    expect(await repo.findBySha256(document.ownerId, document.sha256)).toEqual(document);
  });

  it('refuses while an abandoned-looking guard is young: its create may still be in flight', async () => {
    const document = makeDocument();
    await plantGuard(document.ownerId, document.sha256, uniqueId('in-flight'), isoAt(1000 - 1));
    await expectDocentError(repo.create(document), 'conflict');
    clock.advance(STALE_MS);
    await repo.create(document);
    expect(await repo.count(document.ownerId)).toBe(1);
  });

  it('takes over an old guard whose document now holds other bytes, never one whose document is live', async () => {
    const live = makeDocument();
    await repo.create(live);
    clock.advance(10 * STALE_MS);
    await expectDocentError(repo.create(makeDocument({ ownerId: live.ownerId, sha256: live.sha256 })), 'conflict');

    const moved = makeDocument({ ownerId: live.ownerId });
    await repo.create(moved);
    const oldBytes = uniqueId('sha');
    await plantGuard(live.ownerId, oldBytes, moved.id, isoAt(0));
    expect(await repo.findBySha256(live.ownerId, oldBytes)).toBeNull();
    await repo.create(makeDocument({ ownerId: live.ownerId, sha256: oldBytes }));
    expect((await repo.findBySha256(live.ownerId, oldBytes))?.sha256).toBe(oldBytes);
  });
});
