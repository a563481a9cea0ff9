import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expectDocentError, uniqueId } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Of, storeDocument, temporaryFolders } from '../../test-support/backup-fixture.ts';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { blobKeyPath } from '../blob/blob-key-path.ts';
import { backupDataDir } from './backup-store.ts';

describe('backupDataDir', () => {
  let temporary: TemporaryStore;
  let folders: ReturnType<typeof temporaryFolders>;
  beforeEach(() => {
    temporary = openTemporaryStore();
    folders = temporaryFolders();
  });
  afterEach(async () => {
    await temporary.cleanup();
    folders.cleanup();
  });

  it('copies the open store: a one-file database, the referenced blobs, and a manifest of counts and checksums', async () => {
    const owner = uniqueId('owner');
    const first = await storeDocument(temporary.store, owner, 'Lanterns glow at dusk.');
    const second = await storeDocument(temporary.store, owner, 'Rivers run to the sea.');
    await temporary.store.IdentityProvider.register(`${uniqueId('u')}@example.com`, 'a long enough password');
    // A blob no document references (an upload that lost its race): not part of the store's state.
    await temporary.store.BlobStore.put('documents/nobody/orphan', Uint8Array.of(1, 2, 3));
    const target = path.join(folders.folder('backup'), 'nightly');

    const { manifest } = await backupDataDir({
      dataDir: temporary.dataDir,
      target,
      appVersion: '9.9.9',
      embedder: 'x',
    });

    expect(readdirSync(target).sort()).toEqual(['blobs', 'docent.db', 'manifest.json']);
    expect(manifest).toMatchObject({
      appVersion: '9.9.9',
      embedder: 'x',
      vectorDimensions: TEST_DIMENSIONS,
      counts: { users: 1, documents: 2, chunks: 2 },
    });
    expect(manifest.schemaVersion).toBeGreaterThan(0);
    const expected = [first, second]
      .map(({ document, bytes }) => ({ path: document.blobKey, bytes: bytes.byteLength, sha256: sha256Of(bytes) }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(manifest.blobs).toEqual(expected);
    expect(readFileSync(blobKeyPath(path.join(target, 'blobs'), first.document.blobKey))).toEqual(
      Buffer.from(first.bytes),
    );
    const database = readFileSync(path.join(target, 'docent.db'));
    expect(manifest.database).toEqual({ path: 'docent.db', bytes: database.byteLength, sha256: sha256Of(database) });
    const copy = new DatabaseSync(path.join(target, 'docent.db'), { readOnly: true });
    expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
    copy.close();
  });

  it('stays consistent while documents keep arriving: every document of the snapshot has its blob', async () => {
    const owner = uniqueId('owner');
    await storeDocument(temporary.store, owner, 'Before the backup.');
    const writes = (async () => {
      for (let n = 0; n < 30; n++) await storeDocument(temporary.store, owner, `Written during the backup, ${n}.`);
    })();
    const { manifest } = await backupDataDir({ dataDir: temporary.dataDir, target: folders.folder('backup') });
    await writes;
    expect(manifest.counts.documents).toBeGreaterThanOrEqual(1);
    expect(manifest.blobs).toHaveLength(manifest.counts.documents);
  });

  it('refuses a target that is not empty and writes nothing into it', async () => {
    const target = folders.folder('backup');
    writeFileSync(path.join(target, 'notes.txt'), 'mine');
    const error = await expectDocentError(backupDataDir({ dataDir: temporary.dataDir, target }), 'directory_not_empty');
    expect(error.message).toContain('notes.txt');
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('fails with blob_missing when a referenced blob is gone, leaving no partial folder behind', async () => {
    const { document } = await storeDocument(temporary.store, uniqueId('owner'), 'Soon without bytes.');
    rmSync(blobKeyPath(path.join(temporary.dataDir, 'blobs'), document.blobKey));
    const parent = folders.folder('backup');
    const error = await expectDocentError(
      backupDataDir({ dataDir: temporary.dataDir, target: path.join(parent, 'b') }),
      'blob_missing',
    );
    expect(error.retryable).toBe(false);
    expect(readdirSync(parent)).toEqual(['b']);
    expect(readdirSync(path.join(parent, 'b'))).toEqual([]);
  });

  it('answers not_found for a folder that holds no store', async () => {
    await expectDocentError(
      backupDataDir({ dataDir: folders.folder('empty'), target: folders.folder('backup') }),
      'not_found',
    );
  });
});
