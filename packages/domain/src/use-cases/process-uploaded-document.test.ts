import { describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { JOB_NAMES, processJobKey } from '../jobs/pipeline.ts';
import type { JobQueue, JobSpec } from '../ports/job-queue.ts';
import type { PresignedUpload, UploadSigner } from '../ports/upload-signer.ts';
import { ProcessUploadedDocument, type ProcessUploadedDocumentDeps } from './process-uploaded-document.ts';
import { RequestUpload } from './request-upload.ts';
import { sha256Hex } from './upload-checks.ts';

const signer: UploadSigner = {
  async presignUpload(request): Promise<PresignedUpload> {
    return { url: `https://uploads.test/${request.key}`, method: 'PUT', headers: {} };
  },
};

const TEXT = 'The default compression preset of xz is level six.';
const bytes = (text: string) => new TextEncoder().encode(text);

interface SetUpOptions {
  maxBytes?: number;
  /** Stand-ins for the world's document store and unit of work. */
  ports?: Partial<Pick<ProcessUploadedDocumentDeps, 'documents' | 'unitOfWork'>>;
}

const setUp = (world: World = createWorld(), { ports = {}, ...options }: SetUpOptions = {}) => {
  const enqueued: JobSpec[] = [];
  const jobs: JobQueue = Object.create(world.ports.jobs) as JobQueue;
  jobs.enqueue = async (spec) => {
    enqueued.push(spec);
    return world.ports.jobs.enqueue(spec);
  };
  const process = new ProcessUploadedDocument({ ...world.ports, ...ports, jobs, processor: world.processor }, options);
  return {
    world,
    /** Runs the queued jobs (the worker's part) and says how many there were: the queue deduplicates by key. */
    /** Runs the queued jobs: a processed document counts twice (document.process, then document.embed). */
    runs: () => world.drainJobs(),
    enqueued,
    request: new RequestUpload({ ...world.ports, signer }),
    process,
    /** Handles the storage event, then runs the jobs it enqueued (the worker's part). */
    async processed(input: { ownerId: string; documentId: string }) {
      const result = await process.execute(input);
      await world.drainJobs();
      return { ...result, document: await world.ports.documents.get(input.ownerId, input.documentId) };
    },
  };
};

/** Requests an upload and puts the bytes where the signed URL would have. */
const presignedUpload = async (
  { world, request }: ReturnType<typeof setUp>,
  ownerId: string,
  name: string,
  content: Uint8Array,
  declared: { contentType?: string; sha256?: string } = {},
) => {
  const principal = { userId: ownerId, email: `${ownerId}@example.org` };
  const input = { name, size: content.byteLength, contentType: declared.contentType ?? 'text/plain' };
  const { document } = await request.execute(principal, {
    ...input,
    ...(declared.sha256 === undefined ? {} : { sha256: declared.sha256 }),
  });
  await world.ports.blobs.put(document.blobKey, content);
  return { ownerId, documentId: document.id };
};

describe('ProcessUploadedDocument', () => {
  it('verifies presigned bytes, records their real SHA-256 and enqueues the job that makes the document `ready`', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const input = await presignedUpload(setup, alice.userId, 'xz.txt', bytes(TEXT));
    const queued = await setup.process.execute(input);
    expect(queued).toMatchObject({ outcome: 'queued', document: { status: 'uploaded' } });
    const sha256 = await sha256Hex(bytes(TEXT));
    // The job an upload of these bytes enqueues: same name, key, payload, group and size.
    expect(setup.enqueued).toEqual([
      {
        name: JOB_NAMES.processDocument,
        key: processJobKey(input.documentId, sha256),
        payload: input,
        group: alice.userId,
        sizeBytes: TEXT.length,
      },
    ]);
    await setup.world.drainJobs();
    const result = { document: await setup.world.ports.documents.get(alice.userId, input.documentId) };
    expect(result.document).toMatchObject({
      id: input.documentId,
      status: 'ready',
      sha256: await sha256Hex(bytes(TEXT)),
    });
    const text = await setup.world.ports.chunks.getText(alice.userId, input.documentId);
    expect(text?.text).toContain('level six');
    // The real hash now deduplicates a direct upload of the same bytes.
    const again = await setup.world.upload.execute(alice, { name: 'again.txt', bytes: bytes(TEXT) });
    expect(again).toMatchObject({ created: false, document: { id: input.documentId } });
  });

  it('records the type and size the bytes have, not what was declared', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const content = bytes('# Title\n\nSome words here.');
    const { documentId } = await setup.request
      .execute(alice, { name: 'n.md', size: 999, contentType: 'text/plain' })
      .then((r) => ({ documentId: r.document.id }));
    await setup.world.ports.blobs.put(`documents/${alice.userId}/${documentId}`, content);
    const result = await setup.processed({ ownerId: alice.userId, documentId });
    expect(result.document).toMatchObject({ contentType: 'text/markdown', size: content.byteLength, status: 'ready' });
  });

  it('is a no-op when the same bytes are delivered again', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const input = await presignedUpload(setup, alice.userId, 'xz.txt', bytes(TEXT));
    expect((await setup.process.execute(input)).outcome).toBe('queued');
    // Delivered again before the worker ran the job: it is queued already.
    const queued = await setup.world.ports.documents.get(alice.userId, input.documentId);
    expect(await setup.process.execute(input)).toEqual({ outcome: 'unchanged', document: queued });
    expect(await setup.runs()).toBe(2);
    // And after it ran.
    const before = await setup.world.ports.documents.get(alice.userId, input.documentId);
    expect(before?.status).toBe('ready');
    expect(await setup.process.execute(input)).toEqual({ outcome: 'unchanged', document: before });
    expect(await setup.runs()).toBe(0);
  });

  it('processes bytes whose SHA-256 was declared and matches, and refuses bytes that do not match', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const good = await presignedUpload(setup, alice.userId, 'good.txt', bytes(TEXT), {
      sha256: await sha256Hex(bytes(TEXT)),
    });
    expect((await setup.process.execute(good)).outcome).toBe('queued');
    const bad = await presignedUpload(setup, alice.userId, 'bad.txt', bytes('other bytes'), {
      sha256: 'cd'.repeat(32),
    });
    const result = await setup.process.execute(bad);
    expect(result.outcome).toBe('rejected');
    expect(result.document).toMatchObject({ status: 'failed', error: { code: 'checksum_mismatch' } });
    expect(await setup.runs()).toBe(2);
  });

  it('refuses bytes the owner already has as `duplicate_document`, leaving the first document alone', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const first = await setup.world.uploadText(alice, 'first.txt', TEXT);
    await setup.world.drainJobs();
    const input = await presignedUpload(setup, alice.userId, 'second.txt', bytes(TEXT));
    const result = await setup.process.execute(input);
    expect(result.outcome).toBe('rejected');
    expect(result.document?.error).toEqual({
      code: 'duplicate_document',
      message: `The same file was uploaded before, as "first.txt" (document ${first.id}).`,
    });
    expect(await setup.world.ports.documents.get(alice.userId, first.id)).toMatchObject({ status: 'ready' });
  });

  it('puts the declared record back when a concurrent upload wins the real SHA-256 on a store without rollback', async () => {
    const world = createWorld();
    const documents = world.ports.documents;
    const alice = await world.user();
    let twinId = '';
    // Between the duplicate check and the re-creation, the same bytes arrive by a direct upload.
    const racing = Object.create(documents) as typeof documents;
    racing.delete = async (ownerId, documentId) => {
      if (twinId === '') twinId = (await world.uploadText(alice, 'twin.txt', TEXT)).id;
      return documents.delete(ownerId, documentId);
    };
    const raced = setUp(world, { ports: { documents: racing, unitOfWork: { run: (work) => work() } } });
    const input = await presignedUpload(raced, alice.userId, 'mine.txt', bytes(TEXT));
    const result = await raced.process.execute(input);
    expect(result.outcome).toBe('rejected');
    expect(result.document).toMatchObject({
      id: input.documentId,
      status: 'failed',
      error: { code: 'duplicate_document' },
    });
    expect(result.document?.error?.message).toContain(twinId);
  });

  it('refuses empty, oversized and unsupported bytes with the upload codes', async () => {
    const setup = setUp(createWorld(), { maxBytes: 100 });
    const alice = await setup.world.user();
    const cases: [string, Uint8Array, string][] = [
      ['empty.txt', new Uint8Array(), 'empty_document'],
      ['big.txt', bytes('x'.repeat(101)), 'payload_too_large'],
      ['binary.txt', new Uint8Array([1, 0, 2]), 'unsupported_media_type'],
    ];
    for (const [name, content, code] of cases) {
      const principal = { userId: alice.userId, email: alice.email };
      const { document } = await setup.request.execute(principal, { name, size: 1, contentType: 'text/plain' });
      await setup.world.ports.blobs.put(document.blobKey, content);
      const result = await setup.process.execute({ ownerId: alice.userId, documentId: document.id });
      expect(result).toMatchObject({ outcome: 'rejected', document: { status: 'failed', error: { code } } });
    }
    expect(await setup.runs()).toBe(0);
  });

  it('says `missing` for an unknown document, a foreign owner or bytes that are gone', async () => {
    const setup = setUp();
    const [alice, bob] = [await setup.world.user(), await setup.world.user()];
    const input = await presignedUpload(setup, alice.userId, 'xz.txt', bytes(TEXT));
    expect(await setup.process.execute({ ownerId: bob.userId, documentId: input.documentId })).toEqual({
      outcome: 'missing',
      document: null,
    });
    await setup.world.ports.blobs.delete(`documents/${alice.userId}/${input.documentId}`);
    expect((await setup.process.execute(input)).outcome).toBe('missing');
  });

  it('asks for a retry when the bytes are there but their document is not created yet', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    await setup.world.ports.blobs.put(`documents/${alice.userId}/not-yet`, bytes(TEXT));
    await expect(setup.process.execute({ ownerId: alice.userId, documentId: 'not-yet' })).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
  });

  it('finds the job of a direct upload already queued when its storage event arrives (the hash is already real)', async () => {
    const setup = setUp();
    const alice = await setup.world.user();
    const document = await setup.world.uploadText(alice, 'direct.txt', TEXT);
    const result = await setup.process.execute({ ownerId: alice.userId, documentId: document.id });
    expect(result).toMatchObject({
      outcome: 'unchanged',
      document: { id: document.id, sha256: document.sha256, status: 'uploaded' },
    });
    expect(await setup.runs()).toBe(2);
  });
});
