import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { isSearchable } from '../entities/document.ts';
import { DocentError } from '../errors.ts';
import type { Embedder } from '../ports/embedder.ts';
import type { Job } from '../ports/job-queue.ts';
import { EmbedDocument } from './embed-document.ts';
import { JobRunner } from './job-runner.ts';
import { embedJobKey, JOB_NAMES } from './pipeline.ts';

// Long enough for several embedding batches of 4 texts.
const MANUAL = Array.from(
  { length: 40 },
  (_, i) => `Paragraph ${i} explains option ${i} of the archiver. It keeps sparse files sparse in case ${i}.`,
).join('\n\n');

const vectorCount = async (world: World, ownerId: string, documentId: string) =>
  (
    await world.ports.vectors.search({
      vector: (await world.ports.embedder.embed(['archiver option']))[0] ?? new Float32Array(),
      ownerId,
      documentIds: [documentId],
      limit: 10_000,
    })
  ).length;

/** The world's embedder, calling `before(call)` ahead of every call (1-based). */
const embedderWith = (world: World, before: (call: number) => Promise<void> | void): Embedder => {
  let calls = 0;
  const inner = world.ports.embedder;
  return {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    embed: async (texts, options) => {
      calls += 1;
      await before(calls);
      return inner.embed(texts, options);
    },
  };
};

/** A runner over the world's queue whose embedding job uses `embedder`. */
const runnerWith = (world: World, embedder: Embedder) =>
  new JobRunner({
    queue: world.ports.jobs,
    handlers: [world.processor, new EmbedDocument({ ...world.ports, embedder }, { batchSize: 4 })],
  });

/** Uploads the manual and runs its `document.process` job; returns the document and the claimed embed job. */
const searchable = async (world: World) => {
  const alice = await world.user();
  const uploaded = await world.uploadText(alice, 'archiver.txt', MANUAL);
  expect(await world.runner.runNext({ names: [JOB_NAMES.processDocument] })).toBe(true);
  const job = await world.ports.jobs.claim({ leaseMs: 60_000 });
  if (job === null) throw new Error('the embed job is due');
  return { alice, uploaded, job };
};

describe('the document.process -> document.embed sequence', () => {
  it('ends processing searchable with an embed job for its chunk set, which makes the document ready', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    const document = await world.ports.documents.get(alice.userId, uploaded.id);
    expect(document).toMatchObject({
      status: 'processing',
      chunkCount: chunks.length,
      progress: { stage: 'embedding', done: 0, total: chunks.length },
    });
    expect(document && isSearchable(document)).toBe(true);
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
    expect(job).toMatchObject({
      name: JOB_NAMES.embedDocument,
      key: embedJobKey(uploaded.id, uploaded.sha256, chunks[0]?.id ?? ''),
      payload: { ownerId: alice.userId, documentId: uploaded.id, chunkSet: chunks[0]?.id },
    });

    expect(await world.runner.runJob(job)).toBe('done');
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({
      status: 'ready',
      progress: { stage: 'done', done: chunks.length, total: chunks.length },
    });
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
    expect(await world.drainJobs()).toBe(0);
  });

  it('stops at the next batch when the owner deletes the document mid-embedding, leaving nothing', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    let calls = 0;
    const deleting = embedderWith(world, async (call) => {
      calls = call;
      if (call === 2) await world.delete.execute(alice, { documentId: uploaded.id });
    });
    expect(await runnerWith(world, deleting).runJob(job)).toBe('done');
    // The batch embedded while the deletion landed is not written, and no batch follows it: only the
    // call already running ahead (the third) may have started.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(3);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toBeNull();
    expect(await world.ports.chunks.listForDocument(alice.userId, uploaded.id)).toEqual([]);
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
  });

  it('keeps one embedder call running ahead: the next batch computes while this one is stored', async () => {
    const world = createWorld();
    const { job } = await searchable(world);
    const events: string[] = [];
    let calls = 0;
    const logging = embedderWith(world, () => {
      events.push(`call ${++calls}`);
    });
    let writes = 0;
    const vectors: typeof world.ports.vectors = Object.assign(Object.create(world.ports.vectors), {
      upsert: async (...args: Parameters<typeof world.ports.vectors.upsert>) => {
        events.push(`write ${++writes}`);
        return world.ports.vectors.upsert(...args);
      },
    });
    const runner = new JobRunner({
      queue: world.ports.jobs,
      handlers: [new EmbedDocument({ ...world.ports, embedder: logging, vectors }, { batchSize: 4 })],
    });
    expect(await runner.runJob(job)).toBe('done');
    expect(calls).toBeGreaterThan(3);
    expect(writes).toBe(calls);
    // Call k + 1 starts before batch k is written; every batch is written once, in order.
    for (let k = 1; k < calls; k++) expect(events.indexOf(`call ${k + 1}`)).toBeLessThan(events.indexOf(`write ${k}`));
    expect(events.filter((e) => e.startsWith('write'))).toEqual(
      Array.from({ length: calls }, (_, i) => `write ${i + 1}`),
    );
  });

  it('ignores the failure of the call running ahead when the job has stopped (no unhandled rejection)', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    // The second call, running ahead while the first batch is stored, deletes the document and fails.
    const deletingThenFailing = embedderWith(world, async (call) => {
      if (call !== 2) return;
      await world.delete.execute(alice, { documentId: uploaded.id });
      throw new Error('the model crashed after the job stopped');
    });
    expect(await runnerWith(world, deletingThenFailing).runJob(job)).toBe('done');
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toBeNull();
    // An unhandled rejection would fail this test run; give it the turns to surface.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('retries a failed embedding while the document stays searchable, and gives up as embedding_failed', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    let failures = 1;
    const flaky = embedderWith(world, () => {
      if (failures-- > 0) throw new DocentError('embedding_failed', 'Model busy.', { retryable: true });
    });
    expect(await runnerWith(world, flaky).runJob(job)).toBe('retrying');
    const waiting = await world.ports.documents.get(alice.userId, uploaded.id);
    expect(waiting && isSearchable(waiting)).toBe(true);
    world.clock.advance(60_000);
    expect(await runnerWith(world, flaky).runNext()).toBe(true);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'ready' });

    const again = await searchable(world);
    const broken = embedderWith(world, () => {
      throw new DocentError('embedding_failed', 'Model down.', { retryable: true });
    });
    expect(await runnerWith(world, broken).runJob(again.job)).toBe('retrying');
    for (let i = 0; i < 2; i++) {
      world.clock.advance(60_000);
      await runnerWith(world, broken).runNext();
    }
    expect(await world.ports.documents.get(again.alice.userId, again.uploaded.id)).toMatchObject({
      status: 'failed',
      error: { code: 'embedding_failed', message: 'Model down.' },
    });
    expect(await world.ports.chunks.listForDocument(again.alice.userId, again.uploaded.id)).toEqual([]);
  });

  it('an embed job made obsolete by processing the document again writes nothing and fails nothing', async () => {
    const world = createWorld();
    const { alice, uploaded, job: stale } = await searchable(world);
    await world.processor.run({ ownerId: alice.userId, documentId: uploaded.id });
    const current = (await world.ports.jobs.claim({ leaseMs: 60_000 })) as Job;
    expect(current.payload.chunkSet).not.toBe(stale.payload.chunkSet);

    expect(await world.runner.runJob(stale)).toBe('done');
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
    await new EmbedDocument(world.ports).giveUp(stale.payload, { code: 'x', message: 'y', retryable: false });
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'processing' });

    expect(await world.runner.runJob(current)).toBe('done');
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'ready' });
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(chunks.length);
  });

  it('an embed job whose chunks are replaced mid-run stops before its next write', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    const payload = { ownerId: alice.userId, documentId: uploaded.id };
    const reprocessing = embedderWith(world, async (call) => {
      if (call === 2) await world.processor.run(payload);
    });
    expect(await runnerWith(world, reprocessing).runJob(job)).toBe('done');
    // The newer run deleted the first batch's vectors; the old run wrote none after it.
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({
      status: 'processing',
      progress: { stage: 'embedding', done: 0 },
    });
    expect(await world.drainJobs()).toBe(1);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'ready' });
  });

  it("embeds in the embedder's passage order and stores the same vectors as in document order", async () => {
    // Each chunk's score by its position in the document (chunk ids differ between the worlds).
    const scores = async (world: World, ownerId: string, documentId: string) => {
      const position = new Map(
        (await world.ports.chunks.listForDocument(ownerId, documentId)).map((chunk, i) => [chunk.id, i]),
      );
      const hits = await world.ports.vectors.search({
        vector: (await world.ports.embedder.embed(['sparse files in case 7']))[0] ?? new Float32Array(),
        ownerId,
        documentIds: [documentId],
        limit: 10_000,
      });
      return hits.map((hit) => [position.get(hit.chunkId), hit.score]).sort((a, b) => Number(a[0]) - Number(b[0]));
    };
    const plain = createWorld();
    const before = await searchable(plain);
    expect(await runnerWith(plain, plain.ports.embedder).runJob(before.job)).toBe('done');

    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    const ordered: string[][] = [];
    const sent: string[][] = [];
    const reversing: Embedder = {
      ...embedderWith(world, () => {}),
      embed: (texts, options) => {
        sent.push([...texts]);
        return world.ports.embedder.embed(texts, options);
      },
      passageOrder: async (texts) => {
        ordered.push([...texts]);
        return texts.map((_, i) => texts.length - 1 - i);
      },
    };
    expect(await runnerWith(world, reversing).runJob(job)).toBe('done');
    // One span (the manual has fewer distinct texts than ORDER_SPAN), sent in batches of 4 as ordered.
    expect(ordered).toHaveLength(1);
    expect(sent.flat()).toEqual([...(ordered[0] ?? [])].reverse());
    expect(sent.every((batch) => batch.length <= 4)).toBe(true);
    const chunks = await world.ports.chunks.listForDocument(alice.userId, uploaded.id);
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({
      status: 'ready',
      progress: { stage: 'done', done: chunks.length, total: chunks.length },
    });
    expect(await scores(world, alice.userId, uploaded.id)).toEqual(
      await scores(plain, before.alice.userId, before.uploaded.id),
    );
  });

  it('retries an embedding whose passage order is not a permutation of the texts', async () => {
    const world = createWorld();
    const { alice, uploaded, job } = await searchable(world);
    const broken: Embedder = { ...embedderWith(world, () => {}), passageOrder: async (texts) => texts.map(() => 0) };
    expect(await runnerWith(world, broken).runJob(job)).toBe('retrying');
    expect(await vectorCount(world, alice.userId, uploaded.id)).toBe(0);
  });

  it('does nothing for a document that is gone or not waiting for vectors, and rejects a malformed payload', async () => {
    const world = createWorld();
    const embed = new EmbedDocument(world.ports);
    await expect(embed.run({ ownerId: 'nobody', documentId: 'gone', chunkSet: 'c' })).resolves.toBeUndefined();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'a.txt', MANUAL);
    await embed.run({ ownerId: alice.userId, documentId: uploaded.id, chunkSet: 'c' });
    expect(await world.ports.documents.get(alice.userId, uploaded.id)).toMatchObject({ status: 'uploaded' });
    await expect(embed.run({ ownerId: 'nobody', documentId: 'gone' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});
