import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import type { ContentType } from '../entities/document.ts';
import type { RawDocument } from '../entities/raw-document.ts';
import { DocentError } from '../errors.ts';
import { JOB_NAMES, processJobKey } from '../jobs/pipeline.ts';
import type { JobSpec } from '../ports/job-queue.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import { RetryDocument } from './retry-document.ts';

/** The real test extractor, failing with a chosen error until told to stop. */
class FlakyExtractor implements TextExtractor {
  readonly #real = new PlainTextExtractor();
  readonly formats = this.#real.formats;
  failure: DocentError | null = null;
  calls = 0;

  detectType(name: string, bytes: Uint8Array): ContentType | null {
    return this.#real.detectType(name, bytes);
  }

  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    this.calls += 1;
    if (this.failure !== null) throw this.failure;
    return this.#real.extract(bytes, contentType);
  }
}

const TEXT = 'The default compression preset of xz is level six.';

const setUp = (extractor?: TextExtractor) => {
  const world = createWorld(extractor === undefined ? {} : { extractor });
  return { world, retry: new RetryDocument(world.ports) };
};

const statusOf = async (world: World, ownerId: string, documentId: string) =>
  (await world.ports.documents.get(ownerId, documentId))?.status;

describe('RetryDocument', () => {
  it('resets a failed document to queued and processes it again, which may fail again', async () => {
    const { world, retry } = setUp();
    const alice = await world.user();
    const blank = await world.uploadText(alice, 'blank.txt', ' \n\n \t \n');
    await world.drainJobs();
    expect(await world.ports.documents.get(alice.userId, blank.id)).toMatchObject({
      status: 'failed',
      error: { code: 'empty_document' },
    });

    const enqueued: JobSpec[] = [];
    const jobs = world.ports.jobs;
    const recording = new RetryDocument({
      ...world.ports,
      jobs: Object.assign(Object.create(jobs), {
        enqueue: (spec: JobSpec) => enqueued.push(spec) && jobs.enqueue(spec),
      }),
    });
    const reset = await recording.execute(alice, { documentId: blank.id });
    // The retry queues in its owner's fairness group, sized by the file.
    expect(enqueued).toMatchObject([{ group: alice.userId, sizeBytes: blank.size }]);
    expect(reset).toMatchObject({ id: blank.id, status: 'uploaded', progress: { stage: 'queued', done: 0, total: 1 } });
    expect(reset.error).toBeUndefined();
    expect(await world.ports.documents.get(alice.userId, blank.id)).toEqual(reset);
    const job = await world.ports.jobs.claim({ leaseMs: 1000 });
    expect(job).toMatchObject({
      name: JOB_NAMES.processDocument,
      key: expect.stringMatching(new RegExp(`^${processJobKey(blank.id, blank.sha256)}:retry:`, 'u')),
      payload: { ownerId: alice.userId, documentId: blank.id },
    });
    await world.processor.run(job?.payload ?? {});
    expect(await world.ports.documents.get(alice.userId, blank.id)).toMatchObject({
      status: 'failed',
      error: { code: 'empty_document' },
    });

    // Each retry gets its own job: the earlier ones are done and would otherwise swallow it.
    await retry.execute(alice, { documentId: blank.id });
    expect(await world.drainJobs()).toBe(1);
    expect(await statusOf(world, alice.userId, blank.id)).toBe('failed');
  });

  it('recovers a document whose failure has gone away, indexing it once', async () => {
    const extractor = new FlakyExtractor();
    const { world, retry } = setUp(extractor);
    const alice = await world.user();
    extractor.failure = new DocentError('extraction_failed', 'The extractor choked.');
    const doc = await world.uploadText(alice, 'xz.txt', TEXT);
    await world.drainJobs();
    expect(await statusOf(world, alice.userId, doc.id)).toBe('failed');

    extractor.failure = null;
    await retry.execute(alice, { documentId: doc.id });
    expect(await world.drainJobs()).toBe(2);
    const ready = await world.ports.documents.get(alice.userId, doc.id);
    expect(ready).toMatchObject({ status: 'ready', progress: { stage: 'done' }, chunkCount: 1 });
    expect(ready?.error).toBeUndefined();
    const answer = await world.ask.execute(alice, { question: 'What is the default compression preset of xz?' });
    expect(answer.citations.map((c) => c.documentId)).toEqual([doc.id]);
    expect(await world.ports.chunks.listForDocument(alice.userId, doc.id)).toHaveLength(1);
  });

  it('retries a document whose job was given up after transient failures', async () => {
    const extractor = new FlakyExtractor();
    const { world, retry } = setUp(extractor);
    const alice = await world.user();
    extractor.failure = new DocentError('unavailable', 'Busy.', { retryable: true });
    const doc = await world.uploadText(alice, 'xz.txt', TEXT);
    for (let round = 0; round < 10 && (await statusOf(world, alice.userId, doc.id)) !== 'failed'; round++) {
      await world.drainJobs();
      world.clock.advance(60_000);
    }
    expect(await world.ports.documents.get(alice.userId, doc.id)).toMatchObject({
      status: 'failed',
      error: { code: 'processing_failed' },
    });
    const callsBefore = extractor.calls;

    extractor.failure = null;
    await retry.execute(alice, { documentId: doc.id });
    await world.drainJobs();
    expect(extractor.calls).toBe(callsBefore + 1);
    expect(await statusOf(world, alice.userId, doc.id)).toBe('ready');
  });

  it('refuses documents that have not failed with conflict, and changes nothing', async () => {
    const { world, retry } = setUp();
    const alice = await world.user();
    const doc = await world.uploadText(alice, 'xz.txt', TEXT);
    await expect(retry.execute(alice, { documentId: doc.id })).rejects.toMatchObject({
      code: 'conflict',
      details: { documentId: doc.id, status: 'uploaded' },
    });
    await world.drainJobs();
    const ready = await world.ports.documents.get(alice.userId, doc.id);
    await expect(retry.execute(alice, { documentId: doc.id })).rejects.toMatchObject({ code: 'conflict' });
    expect(await world.ports.documents.get(alice.userId, doc.id)).toEqual(ready);
    expect(await world.drainJobs()).toBe(0);
  });

  it('lets only one of two concurrent retries through', async () => {
    const { world, retry } = setUp();
    const alice = await world.user();
    const blank = await world.uploadText(alice, 'blank.txt', '   ');
    await world.drainJobs();
    const results = await Promise.allSettled([
      retry.execute(alice, { documentId: blank.id }),
      retry.execute(alice, { documentId: blank.id }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await world.drainJobs()).toBe(1);
  });

  it('answers document_not_found for unknown and foreign documents', async () => {
    const { world, retry } = setUp();
    const [alice, bob] = [await world.user(), await world.user()];
    const blank = await world.uploadText(alice, 'blank.txt', '   ');
    await world.drainJobs();
    for (const [who, documentId] of [
      [bob, blank.id],
      [alice, 'unknown'],
    ] as const) {
      await expect(retry.execute(who, { documentId })).rejects.toMatchObject({ code: 'document_not_found' });
    }
    expect(await statusOf(world, alice.userId, blank.id)).toBe('failed');
  });
});
