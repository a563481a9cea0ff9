import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { JOB_NAMES, PIPELINE_VERSION } from '../jobs/pipeline.ts';
import { sanitizeFileName, UploadDocument } from './upload-document.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const sha256Of = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes(text))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('UploadDocument', () => {
  it('stores the bytes, creates the document `uploaded` and enqueues its processing', async () => {
    const world = createWorld();
    const alice = await world.user();
    const { document, created } = await world.upload.execute(alice, {
      name: 'C:\\tmp\\notes/guide.md',
      bytes: bytes('# Hi\n\nText.'),
    });
    expect(created).toBe(true);
    expect(document).toMatchObject({
      ownerId: alice.userId,
      name: 'guide.md',
      contentType: 'text/markdown',
      size: 11,
      sha256: await sha256Of('# Hi\n\nText.'),
      blobKey: `documents/${alice.userId}/${document.id}`,
      status: 'uploaded',
      progress: { stage: 'queued', done: 0, total: 1 },
      uploadedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(await world.ports.documents.get(alice.userId, document.id)).toEqual(document);
    expect(await world.ports.blobs.get(document.blobKey)).toEqual(bytes('# Hi\n\nText.'));
    const job = await world.ports.jobs.claim({ leaseMs: 1000 });
    expect(job).toMatchObject({
      name: JOB_NAMES.processDocument,
      key: `${document.id}:${document.sha256}:${PIPELINE_VERSION}`,
      payload: { ownerId: alice.userId, documentId: document.id },
    });
  });

  it('returns the existing document for the same bytes from the same owner, but not across owners', async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const first = await world.upload.execute(alice, { name: 'a.txt', bytes: bytes('same') });
    const again = await world.upload.execute(alice, { name: 'b.txt', bytes: bytes('same') });
    expect(again).toEqual({ document: first.document, created: false });
    const bobs = await world.upload.execute(bob, { name: 'a.txt', bytes: bytes('same') });
    expect(bobs.created).toBe(true);
    expect(await world.ports.documents.count(alice.userId)).toBe(1);
  });

  it('enqueues again for a duplicate that never got processed, without duplicating the job', async () => {
    const world = createWorld();
    const alice = await world.user();
    await world.upload.execute(alice, { name: 'a.txt', bytes: bytes('text') });
    await world.upload.execute(alice, { name: 'a.txt', bytes: bytes('text') });
    // One document.process and the document.embed it enqueued.
    expect(await world.drainJobs()).toBe(2);
  });

  it("queues processing fairly: owners take turns and an owner's small file passes their big one", async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const big = await world.uploadText(alice, 'big.txt', 'word '.repeat(400_000));
    world.clock.advance(1000);
    const second = await world.uploadText(alice, 'second.txt', 'Another text of Alice.');
    const third = await world.uploadText(alice, 'third.txt', 'A third text of Alice.');
    world.clock.advance(1000);
    const bobs = await world.uploadText(bob, 'tiny.txt', 'Hi.');
    const order: unknown[] = [];
    for (let job = await world.ports.jobs.claim({ leaseMs: 1000 }); job !== null; ) {
      order.push(job.payload.documentId);
      await world.ports.jobs.complete(job.id);
      job = await world.ports.jobs.claim({ leaseMs: 1000 });
    }
    expect(order).toEqual([second.id, bobs.id, third.id, big.id]);
  });

  it('rejects oversized, empty and unsupported files before storing anything', async () => {
    const world = createWorld();
    const alice = await world.user();
    const small = new UploadDocument(world.ports, { maxBytes: 4 });
    await expect(small.execute(alice, { name: 'a.txt', bytes: bytes('12345') })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
    await expect(small.execute(alice, { name: 'a.txt', bytes: bytes('1234') })).resolves.toMatchObject({
      created: true,
    });
    await expect(world.upload.execute(alice, { name: 'a.txt', bytes: new Uint8Array() })).rejects.toMatchObject({
      code: 'empty_document',
    });
    await expect(world.upload.execute(alice, { name: 'a.exe', bytes: bytes('MZ') })).rejects.toMatchObject({
      code: 'unsupported_media_type',
    });
    await expect(world.upload.execute(alice, { name: ' / ', bytes: bytes('x') })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    expect(await world.ports.documents.count(alice.userId)).toBe(1);
  });

  it('defaults to a 50 MiB limit', async () => {
    const world = createWorld();
    const alice = await world.user();
    const big = new Uint8Array(50 * 1024 * 1024 + 1).fill(65);
    await expect(world.upload.execute(alice, { name: 'big.txt', bytes: big })).rejects.toMatchObject({
      code: 'payload_too_large',
    });
  });
});

describe('sanitizeFileName', () => {
  it('keeps the last path segment without control characters, trimmed, at most 255 characters', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('dir\\file\u0000name.txt ')).toBe('filename.txt');
    expect([...sanitizeFileName(`${'\u{1F600}'.repeat(300)}.txt`)]).toHaveLength(255);
  });
});
