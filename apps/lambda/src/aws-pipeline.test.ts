import { TOKENS } from '@docent/domain';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../test-support/aws-fixtures.ts';
import { type AwsJobWorld, startAwsJobWorld } from '../test-support/aws-job-world.ts';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';

// The AWS composition end to end on local protocol servers: one way into processing (S3 event,
// retry), one worker draining SQS through the JobRunner.
const TEXT = 'The default compression preset of xz is level six. Higher levels use more memory.';
let world: AwsJobWorld;
let output: OutputCapture;
beforeAll(async () => {
  world = await startAwsJobWorld();
});
afterAll(() => world.close());
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

const documentOf = (ownerId: string, documentId: string) =>
  world.container.get(TOKENS.DocumentRepository).get(ownerId, documentId);
const stats = () => world.container.get(TOKENS.JobQueue).stats();

describe('the AWS pipeline (dynalite, s3rver, SQS test server)', () => {
  it('upload -> S3 event -> queue -> worker -> ready', async () => {
    const { documentId, event } = await world.upload('alice', 'xz.txt', TEXT);
    expect(await world.processing(event, lambdaContext('s3-1'))).toMatchObject({ queued: 1, batchItemFailures: [] });
    // The S3 handler only enqueued: nothing ran yet.
    expect(await documentOf('alice', documentId)).toMatchObject({ status: 'uploaded' });
    const batch = await world.receive();
    expect(batch.Records).toHaveLength(1);
    expect(JSON.parse(batch.Records[0]?.body ?? '')).toMatchObject({
      name: 'document.process',
      payload: { ownerId: 'alice', documentId },
      group: 'alice',
    });
    expect(await world.worker(batch, lambdaContext('worker-1'))).toEqual({ batchItemFailures: [] });
    // The processing job ends with the document searchable and its embedding job on the same queue.
    expect(await documentOf('alice', documentId)).toMatchObject({
      status: 'processing',
      chunkCount: 1,
      progress: { stage: 'embedding', done: 0, total: 1 },
    });
    const embedding = await world.receive();
    expect(embedding.Records.map((record) => JSON.parse(record.body))).toMatchObject([
      { name: 'document.embed', payload: { ownerId: 'alice', documentId }, group: 'alice' },
    ]);
    expect(await world.worker(embedding, lambdaContext('worker-1e'))).toEqual({ batchItemFailures: [] });
    expect(await documentOf('alice', documentId)).toMatchObject({ status: 'ready', chunkCount: 1 });
    // Its chunk went to the collection (lexical entry and vectors) and Titan embedded it.
    const bulk = world.openSearch.requests.filter((r) => r.path.endsWith('/_bulk') && r.rawBody.includes(documentId));
    expect(bulk.length).toBeGreaterThanOrEqual(2);
    expect(world.embedder.calls()).toBeGreaterThan(0);
    expect(await stats()).toEqual({ queued: 0, running: 0, dead: 0 });
  });

  it('a failed document, retried, goes through the queue and the worker to ready', async () => {
    const { documentId, blobKey, event } = await world.upload('bob', 'xz.txt', TEXT);
    await world.processing(event, lambdaContext('s3-2'));
    // The object vanishes before the worker runs: processing fails for good (extraction_failed).
    await world.deleteObject(blobKey);
    expect(await world.worker(await world.receive(), lambdaContext('worker-2'))).toEqual({ batchItemFailures: [] });
    expect(await documentOf('bob', documentId)).toMatchObject({
      status: 'failed',
      error: { code: 'extraction_failed' },
    });

    await world.putObject(blobKey, TEXT);
    const retried = await world.container
      .get(TOKENS.RetryDocument)
      .execute({ userId: 'bob', email: 'bob@example.org' }, { documentId });
    expect(retried.status).toBe('uploaded');
    expect(await stats()).toMatchObject({ queued: 1 });
    expect(await world.worker(await world.receive(), lambdaContext('worker-3'))).toEqual({ batchItemFailures: [] });
    expect(await world.worker(await world.receive(), lambdaContext('worker-3e'))).toEqual({ batchItemFailures: [] });
    const ready = await documentOf('bob', documentId);
    expect(ready?.status).toBe('ready');
    expect(ready?.error ?? null).toBeNull();
  });

  it('a redelivered message (and a redelivered S3 event) processes the document once', async () => {
    const { documentId, event } = await world.upload('carol', 'xz.txt', TEXT);
    await world.processing(event, lambdaContext('s3-3'));
    const batch = await world.receive();
    await world.worker(batch, lambdaContext('worker-4'));
    await world.worker(await world.receive(), lambdaContext('worker-4e'));
    const ready = await documentOf('carol', documentId);
    expect(ready?.status).toBe('ready');
    const calls = world.embedder.calls();

    // SQS delivers at least once: the same message again, and the same S3 event again.
    expect(await world.worker(batch, lambdaContext('worker-5'))).toEqual({ batchItemFailures: [] });
    expect(await world.processing(event, lambdaContext('s3-4'))).toMatchObject({ queued: 0, unchanged: 1 });
    expect(world.embedder.calls()).toBe(calls);
    expect(await documentOf('carol', documentId)).toEqual(ready);
    expect((await world.receive()).Records).toEqual([]);
    const handled = output.json().filter((line) => line.message === 'Job delivery handled');
    expect(handled.map((line) => line.outcome)).toEqual(['done', 'done', 'stale']);
  });
});

describe('a job killed mid-way (the Lambda timeout)', () => {
  // A clock the test moves: three hours pass between the kill and the sweep, past the default 120-minute lease.
  let offsetMs = 0;
  const clock = { now: () => new Date(Date.now() + offsetMs) };
  let killed: AwsJobWorld;
  beforeAll(async () => {
    killed = await startAwsJobWorld({ clock });
  });
  afterAll(() => killed.close());

  it('is re-enqueued by the sweeper and the worker brings the document to ready', async () => {
    const { documentId, event } = await killed.upload('dave', 'xz.txt', TEXT);
    await killed.processing(event, lambdaContext('s3-5'));
    await killed.killMidJob(await killed.receive());
    const repository = killed.container.get(TOKENS.DocumentRepository);
    expect(await repository.get('dave', documentId)).toMatchObject({ status: 'processing' });
    // The killed run's message stays in flight until its visibility timeout: only the sweeper can help.
    expect((await killed.receive()).Records).toEqual([]);

    offsetMs = 3 * 60 * 60 * 1000;
    const outcome = await killed.container.get(TOKENS.SweepStuckDocuments).execute();
    expect(outcome.requeued.map((swept) => swept.documentId)).toEqual([documentId]);
    expect(outcome.failed).toEqual([]);
    const batch = await killed.receive();
    expect(batch.Records).toHaveLength(1);
    expect(await killed.worker(batch, lambdaContext('worker-6'))).toEqual({ batchItemFailures: [] });
    expect(await killed.worker(await killed.receive(), lambdaContext('worker-6e'))).toEqual({ batchItemFailures: [] });
    expect(await repository.get('dave', documentId)).toMatchObject({ status: 'ready', chunkCount: 1 });
  });
});
