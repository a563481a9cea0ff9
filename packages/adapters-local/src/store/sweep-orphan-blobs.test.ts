import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeDocument } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';

// Found by scripts/crash-test.ts: a server killed between storing an upload's bytes and writing its
// document row left the blob on disk for good (2 files in a run of 10 kills).
describe('orphan upload blobs', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  it('are deleted when the store opens, with interrupted temporary files; blobs of documents stay', async () => {
    temporary = openTemporaryStore();
    const { store, dataDir } = temporary;
    const kept = makeDocument();
    await store.DocumentRepository.create(kept);
    await store.BlobStore.put(kept.blobKey, Uint8Array.of(1, 2, 3));
    const orphan = makeDocument();
    await store.BlobStore.put(orphan.blobKey, Uint8Array.of(4));
    const blobs = path.join(dataDir, 'blobs');
    const temp = path.join(blobs, 'documents', orphan.ownerId, `.${orphan.id}.0a1b2c.tmp`);
    writeFileSync(temp, 'half written');
    const foreign = path.join(blobs, 'other', 'kept-as-is');
    mkdirSync(path.dirname(foreign), { recursive: true });
    writeFileSync(foreign, 'not an upload');
    store.close();

    const reopened = temporary.reopen();
    expect(await reopened.BlobStore.get(kept.blobKey)).toEqual(Uint8Array.of(1, 2, 3));
    expect(await reopened.BlobStore.get(orphan.blobKey)).toBeNull();
    expect(existsSync(temp)).toBe(false);
    expect(readFileSync(foreign, 'utf8')).toBe('not an upload');
  });
});
