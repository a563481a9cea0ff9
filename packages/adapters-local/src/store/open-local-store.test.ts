import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expectDocentError, makeDocument, makeDocumentContent, uniqueId, unitVector } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { openLocalStore } from './open-local-store.ts';

describe('openLocalStore', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  it('creates the database, the blob folder on first put, and the lock file in the data directory', async () => {
    temporary = openTemporaryStore();
    const { store, dataDir } = temporary;
    await store.BlobStore.put('documents/u/d', Uint8Array.of(1));
    expect(existsSync(path.join(dataDir, 'docent.db'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'blobs', 'documents', 'u', 'd'))).toBe(true);
    expect(existsSync(path.join(dataDir, 'docent.lock'))).toBe(true);
    store.close();
    expect(existsSync(path.join(dataDir, 'docent.lock'))).toBe(false);
  });

  it('keeps everything across close and reopen', async () => {
    temporary = openTemporaryStore();
    const first = temporary.store;
    const document = makeDocument();
    const owner = document.ownerId;
    const content = makeDocumentContent({ ownerId: owner, documentId: document.id, paragraphs: ['Lanterns glow.'] });
    const chunkId = content.chunks[0]?.id ?? '';
    await first.DocumentRepository.create(document);
    await first.ChunkRepository.replaceForDocument(owner, document.id, content.text, content.chunks);
    await first.LexicalIndex.add([
      { chunkId, documentId: document.id, ownerId: owner, text: 'Lanterns glow.', documentName: 'a.txt' },
    ]);
    await first.VectorIndex.upsert([
      { chunkId, documentId: document.id, ownerId: owner, vector: unitVector(TEST_DIMENSIONS, 3) },
    ]);
    await first.BlobStore.put(document.blobKey, Uint8Array.of(7, 8, 9));
    const user = await first.IdentityProvider.register(`${uniqueId('user')}@example.com`, 'a long enough password');
    const session = await first.IdentityProvider.login(user.email, 'a long enough password');
    const job = await first.JobQueue.enqueue({ name: 'document.process', key: uniqueId('key'), payload: { n: 1 } });
    first.close();

    const again = temporary.reopen();
    expect(await again.DocumentRepository.get(owner, document.id)).toEqual(document);
    expect(await again.ChunkRepository.listForDocument(owner, document.id)).toEqual(content.chunks);
    expect(await again.ChunkRepository.getText(owner, document.id)).toEqual(content.text);
    expect((await again.LexicalIndex.search({ ownerId: owner, text: 'lantern', limit: 5 }))[0]?.chunkId).toBe(chunkId);
    const near = await again.VectorIndex.search({ ownerId: owner, vector: unitVector(TEST_DIMENSIONS, 3), limit: 5 });
    expect(near.map((hit) => hit.chunkId)).toEqual([chunkId]);
    expect(await again.BlobStore.get(document.blobKey)).toEqual(Uint8Array.of(7, 8, 9));
    expect(await again.IdentityProvider.verify(session.token)).toEqual({ userId: user.id, email: user.email });
    expect((await again.JobQueue.claim({ leaseMs: 1000 }))?.id).toBe(job.id);
  });

  it('refuses a second open of a data directory that is in use, and allows it once closed', async () => {
    temporary = openTemporaryStore();
    const options = {
      dataDir: temporary.dataDir,
      dimensions: TEST_DIMENSIONS,
      clock: { now: () => new Date() },
      sessionTtlMs: 1000,
    };
    await expectDocentError(() => openLocalStore(options), 'conflict');
    temporary.store.close();
    temporary.store.close();
    temporary.reopen();
  });

  it('refuses to reopen a data directory with a different vector width, and stays usable afterwards', async () => {
    temporary = openTemporaryStore();
    temporary.store.close();
    const options = { dataDir: temporary.dataDir, clock: { now: () => new Date() }, sessionTtlMs: 1000 };
    const error = await expectDocentError(
      () => openLocalStore({ ...options, dimensions: TEST_DIMENSIONS * 2 }),
      'conflict',
    );
    expect(error.message).toContain(`${TEST_DIMENSIONS}-d`);
    await expectDocentError(() => openLocalStore({ ...options, dimensions: 0 }), 'validation_failed');
    temporary.reopen();
  });

  it('after a SIGKILL mid-job, the next open takes the stale lock and the job is claimable again', async () => {
    temporary = openTemporaryStore();
    const key = uniqueId('key');
    const { id } = await temporary.store.JobQueue.enqueue({ name: 'document.process', key, payload: {} });
    temporary.store.close();

    const worker = spawn(process.execPath, ['--input-type=module', '-e', claimAndHang(temporary.dataDir)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(worker.stdout, 'data')) as [Buffer];
    expect(JSON.parse(line.toString())).toMatchObject({ id, attempt: 1 });
    worker.kill('SIGKILL');
    await once(worker, 'exit');

    const restarted = temporary.reopen();
    // The dead worker's lease (one hour) has not expired: only the start-up requeue frees the job.
    expect(await restarted.JobQueue.claim({ leaseMs: 1000 })).toBeNull();
    expect(await restarted.JobQueue.requeueRunning()).toBe(1);
    expect(await restarted.JobQueue.claim({ leaseMs: 1000 })).toMatchObject({ id, key, attempt: 2 });
  });

  it('checks it takes writes while open, waiting for an open transaction, and fails once closed', async () => {
    temporary = openTemporaryStore();
    const { store } = temporary;
    await expect(store.checkWritable()).resolves.toBeUndefined();
    let release = (): void => {};
    const transaction = store.UnitOfWork.run(() => new Promise<void>((resolve) => (release = resolve)));
    const check = store.checkWritable();
    release();
    await transaction;
    await expect(check).resolves.toBeUndefined();
    store.close();
    await expectDocentError(store.checkWritable(), 'unavailable');
  });
});

/** A worker that opens the store, claims one job with a long lease, reports it and waits to be killed. */
const claimAndHang = (dataDir: string): string => `
  import { openLocalStore } from ${JSON.stringify(path.join(import.meta.dirname, 'open-local-store.ts'))};
  const store = openLocalStore({
    dataDir: ${JSON.stringify(dataDir)}, dimensions: ${TEST_DIMENSIONS}, sessionTtlMs: 1000,
    clock: { now: () => new Date() },
  });
  const job = await store.JobQueue.claim({ leaseMs: 3_600_000 });
  process.stdout.write(JSON.stringify(job) + '\\n');
  setInterval(() => {}, 60_000);
`;
