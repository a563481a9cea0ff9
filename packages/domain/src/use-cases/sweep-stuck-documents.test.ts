import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import type { Principal } from '../entities/user.ts';
import { processJobKey } from '../jobs/pipeline.ts';
import { SweepStuckDocuments } from './sweep-stuck-documents.ts';

const MINUTE = 60_000;
const TEXT = 'The default compression preset of xz is level six.';

const setUp = (options: { maxAttempts?: number; maxDocuments?: number } = {}) => {
  const world = createWorld();
  const sweeper = new SweepStuckDocuments(
    { ...world.ports, processor: world.processor },
    { leaseMs: 30 * MINUTE, graceMs: 20 * MINUTE, ...options },
  );
  return { world, sweeper };
};

/** Takes the next job off the queue and finishes it without running it: a message lost on the way. */
const loseNextJob = async (world: World) => {
  const job = await world.ports.jobs.claim({ leaseMs: MINUTE });
  if (job === null) throw new Error('no job to lose');
  await world.ports.jobs.complete(job.id);
  return job;
};

/** A run stopped mid-way (its time limit): the document stays `processing`, the job is gone. */
const killMidRun = async (world: World, owner: Principal, documentId: string) => {
  await loseNextJob(world);
  await world.ports.documents.update(owner.userId, documentId, {
    status: 'processing',
    progress: { stage: 'embedding', done: 2, total: 9 },
  });
};

const documentOf = (world: World, owner: Principal, documentId: string) =>
  world.ports.documents.get(owner.userId, documentId);

describe('SweepStuckDocuments', () => {
  it('queues a document stuck processing past the lease again, and the job runner finishes it', async () => {
    const { world, sweeper } = setUp();
    const alice = await world.user();
    const document = await world.uploadText(alice, 'xz.txt', TEXT);
    await killMidRun(world, alice, document.id);

    world.clock.advance(29 * MINUTE);
    expect(await sweeper.execute()).toEqual({ requeued: [], failed: [], skipped: 0 });
    world.clock.advance(2 * MINUTE);
    const outcome = await sweeper.execute();
    expect(outcome.requeued).toEqual([{ ownerId: alice.userId, documentId: document.id, status: 'processing' }]);
    expect(await documentOf(world, alice, document.id)).toMatchObject({
      status: 'uploaded',
      progress: { stage: 'queued' },
      sweeps: 1,
    });
    const job = await world.ports.jobs.claim({ leaseMs: MINUTE });
    expect(job?.key).toMatch(new RegExp(`^${processJobKey(document.id, document.sha256)}:sweep:`, 'u'));
    await world.processor.run(job?.payload ?? {});
    expect(await world.drainJobs()).toBe(1); // its document.embed
    expect(await documentOf(world, alice, document.id)).toMatchObject({ status: 'ready', sweeps: 1 });
    const answer = await world.ask.execute(alice, { question: 'What is the default compression preset of xz?' });
    expect(answer.citations.map((citation) => citation.documentId)).toEqual([document.id]);
  });

  it('fails an upload whose bytes never arrived, and queues one whose job was lost', async () => {
    const { world, sweeper } = setUp();
    const alice = await world.user();
    const abandoned = await world.uploadText(alice, 'abandoned.txt', 'Never arrives.');
    await loseNextJob(world);
    await world.ports.blobs.delete(abandoned.blobKey);
    const lost = await world.uploadText(alice, 'lost.txt', TEXT);
    await loseNextJob(world);

    world.clock.advance(21 * MINUTE);
    const outcome = await sweeper.execute();
    expect(outcome.failed).toEqual([
      { ownerId: alice.userId, documentId: abandoned.id, status: 'uploaded', reason: 'upload_incomplete' },
    ]);
    expect(outcome.requeued.map((swept) => swept.documentId)).toEqual([lost.id]);
    expect(await documentOf(world, alice, abandoned.id)).toMatchObject({
      status: 'failed',
      error: { code: 'upload_incomplete', message: expect.stringContaining('20 minutes') },
    });
    expect(await world.drainJobs()).toBe(2);
    expect((await documentOf(world, alice, lost.id))?.status).toBe('ready');
  });

  it('marks a document failed, with nothing of it searchable, once its attempts are used up', async () => {
    const { world, sweeper } = setUp({ maxAttempts: 2 });
    const alice = await world.user();
    const document = await world.uploadText(alice, 'xz.txt', TEXT);
    await world.drainJobs();
    await world.ports.documents.update(alice.userId, document.id, {
      status: 'processing',
      progress: { stage: 'embedding', done: 1, total: 2 },
    });
    for (const attempt of [1, 2]) {
      world.clock.advance(31 * MINUTE);
      expect((await sweeper.execute()).requeued).toHaveLength(1);
      expect((await documentOf(world, alice, document.id))?.sweeps).toBe(attempt);
      await killMidRun(world, alice, document.id);
    }
    world.clock.advance(31 * MINUTE);
    const outcome = await sweeper.execute();
    expect(outcome.failed).toEqual([
      { ownerId: alice.userId, documentId: document.id, status: 'processing', reason: 'processing_stalled' },
    ]);
    expect(await documentOf(world, alice, document.id)).toMatchObject({
      status: 'failed',
      error: { code: 'processing_stalled', message: expect.stringContaining('3 times') },
    });
    expect(await world.ports.chunks.listForDocument(alice.userId, document.id)).toEqual([]);
    expect(await world.ports.jobs.claim({ leaseMs: MINUTE })).toBeNull();

    // A retry by the owner starts the count afresh.
    await world.useCases.retryDocument.execute(alice, { documentId: document.id });
    expect((await documentOf(world, alice, document.id))?.sweeps).toBeUndefined();
    expect(await world.drainJobs()).toBe(2);
    expect((await documentOf(world, alice, document.id))?.status).toBe('ready');
  });

  it('handles at most maxDocuments per run, leaving the rest to the next one', async () => {
    const { world, sweeper } = setUp({ maxDocuments: 2 });
    const alice = await world.user();
    const bob = await world.user();
    const uploads = [
      await world.uploadText(alice, 'a.txt', `${TEXT} A`),
      await world.uploadText(bob, 'b.txt', `${TEXT} B`),
      await world.uploadText(alice, 'c.txt', `${TEXT} C`),
    ];
    for (const _ of uploads) await loseNextJob(world);
    world.clock.advance(21 * MINUTE);
    expect((await sweeper.execute()).requeued).toHaveLength(2);
    expect((await sweeper.execute()).requeued).toHaveLength(1);
    expect(await sweeper.execute()).toEqual({ requeued: [], failed: [], skipped: 0 });
    expect(await world.drainJobs()).toBe(6);
  });

  it('leaves ready, failed and recently changed documents alone', async () => {
    const { world, sweeper } = setUp();
    const alice = await world.user();
    await world.uploadText(alice, 'xz.txt', TEXT);
    await world.uploadText(alice, 'blank.txt', ' \n ');
    await world.drainJobs();
    world.clock.advance(24 * 60 * MINUTE);
    const pending = await world.uploadText(alice, 'later.txt', 'Queued a minute ago.');
    world.clock.advance(MINUTE);
    expect(await sweeper.execute()).toEqual({ requeued: [], failed: [], skipped: 0 });
    expect((await documentOf(world, alice, pending.id))?.status).toBe('uploaded');
  });
});
