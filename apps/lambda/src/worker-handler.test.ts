import { TOKENS } from '@docent/domain';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../test-support/aws-fixtures.ts';
import { type AwsJobWorld, startAwsJobWorld } from '../test-support/aws-job-world.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';

const RESERVE_MS = 1_000;
// Long enough to need several embedding batches (64 texts each), so a run can stop between them.
const TEXT = Array.from({ length: 120 }, (_, i) => `Sentence ${i} says something about compression level ${i}.`).join(
  ' ',
);
let world: AwsJobWorld;
let output: OutputCapture;
beforeAll(async () => {
  world = await startAwsJobWorld({ reserveMs: RESERVE_MS });
});
afterAll(() => world.close());
beforeEach(() => {
  output = captureOutput();
  world.embedder.delayMs = 0;
});
afterEach(() => output.restore());

/** A context whose Lambda timeout is `leftMs` away when the invocation starts. */
const contextWith = (requestId: string, leftMs: number): Context => {
  const deadline = Date.now() + leftMs;
  return { ...lambdaContext(requestId), getRemainingTimeInMillis: () => deadline - Date.now() };
};
const documentOf = (ownerId: string, documentId: string) =>
  world.container.get(TOKENS.DocumentRepository).get(ownerId, documentId);

/** Uploads a document and lets the S3 handler enqueue its job; returns its id and the job's delivery. */
const queuedDocument = async (ownerId: string) => {
  const { documentId, event } = await world.upload(ownerId, 'levels.txt', TEXT);
  await world.processing(event, lambdaContext(`s3-${ownerId}`));
  const batch = await world.receive();
  expect(batch.Records).toHaveLength(1);
  return { documentId, batch, messageId: batch.Records[0]?.messageId ?? '' };
};

/** A queued document whose processing job the worker ran: returns the delivery of its embedding job. */
const embeddingDocument = async (ownerId: string) => {
  const queued = await queuedDocument(ownerId);
  expect(await world.worker(queued.batch, lambdaContext(`process-${ownerId}`))).toEqual({ batchItemFailures: [] });
  const batch = await world.receive();
  expect(batch.Records.map((record) => JSON.parse(record.body).name)).toEqual(['document.embed']);
  return { documentId: queued.documentId, batch, messageId: batch.Records[0]?.messageId ?? '' };
};

describe('worker handler', () => {
  it('stops a job before the Lambda timeout and leaves its message for redelivery, which finishes it', async () => {
    const { documentId, batch, messageId } = await embeddingDocument('ann');
    // Each embedding batch takes longer than the 100 ms left before the reserve: the run stops at a
    // stage or batch boundary, at the latest after the first batch.
    world.embedder.delayMs = 300;
    const calls = world.embedder.calls();
    expect(await world.worker(batch, contextWith('short', RESERVE_MS + 100))).toEqual({
      batchItemFailures: [{ itemIdentifier: messageId }],
    });
    expect(world.embedder.calls() - calls).toBeLessThanOrEqual(1);
    expect(await documentOf('ann', documentId)).toMatchObject({ status: 'processing' });
    const handled = output.json().findLast((line) => line.message === 'Job delivery handled');
    expect(handled).toMatchObject({ messageId, outcome: 'aborted' });

    // Released at once rather than after the visibility timeout: the next receive gets it again.
    world.embedder.delayMs = 0;
    const again = await world.receive();
    expect(again.Records.map((record) => [record.messageId, record.attributes.ApproximateReceiveCount])).toEqual([
      [messageId, '2'],
    ]);
    expect(await world.worker(again, lambdaContext('long'))).toEqual({ batchItemFailures: [] });
    expect(await documentOf('ann', documentId)).toMatchObject({ status: 'ready' });
  });

  it('starts no job when the timeout is already within the reserve', async () => {
    const { documentId, batch, messageId } = await queuedDocument('ben');
    const calls = world.embedder.calls();
    expect(await world.worker(batch, contextWith('late', RESERVE_MS - 1))).toEqual({
      batchItemFailures: [{ itemIdentifier: messageId }],
    });
    expect(world.embedder.calls()).toBe(calls);
    expect(await documentOf('ben', documentId)).toMatchObject({ status: 'uploaded' });
    // The message stays in flight until its visibility timeout ends, then SQS delivers it again.
    expect(await world.container.get(TOKENS.JobQueue).stats()).toMatchObject({ running: 1 });
  });

  it('leaves a second delivery of a running job on the queue instead of running it twice', async () => {
    const { documentId, batch, messageId } = await embeddingDocument('cat');
    world.embedder.delayMs = 50;
    const calls = world.embedder.calls();
    const first = world.worker(batch, lambdaContext('first'));
    while (world.embedder.calls() === calls) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await world.worker(batch, lambdaContext('duplicate'))).toEqual({
      batchItemFailures: [{ itemIdentifier: messageId }],
    });
    expect(await first).toEqual({ batchItemFailures: [] });
    expect(await documentOf('cat', documentId)).toMatchObject({ status: 'ready' });
    const outcomes = output.json().filter((line) => line.message === 'Job delivery handled');
    expect(outcomes.map((line) => line.outcome)).toEqual(['done', 'busy', 'done']);
  });

  it('a job killed mid-way stays `processing` with its message in flight (what the sweeper looks for)', async () => {
    const { documentId, batch } = await queuedDocument('dan');
    await world.killMidJob(batch);
    expect(await documentOf('dan', documentId)).toMatchObject({ status: 'processing' });
    expect(await world.container.get(TOKENS.JobQueue).stats()).toMatchObject({ queued: 0, dead: 0 });
    expect((await world.receive()).Records).toEqual([]);
  });
});
