import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { systemClock } from '@docent/domain';
import { expectDocentError, uniqueId } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { editManifest, storeDocument, temporaryFolders } from '../../test-support/backup-fixture.ts';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { blobKeyPath } from '../blob/blob-key-path.ts';
import { backupDataDir } from './backup-store.ts';
import { openLocalStore } from './open-local-store.ts';
import { restoreDataDir } from './restore-store.ts';

const PASSWORD = 'a long enough password';

describe('restoreDataDir', () => {
  let temporary: TemporaryStore;
  let folders: ReturnType<typeof temporaryFolders>;
  let backupDir: string;
  let owner: string;
  let stored: Awaited<ReturnType<typeof storeDocument>>;
  let email: string;

  beforeEach(async () => {
    temporary = openTemporaryStore();
    folders = temporaryFolders();
    email = `${uniqueId('user')}@example.com`;
    owner = (await temporary.store.IdentityProvider.register(email, PASSWORD)).id;
    stored = await storeDocument(temporary.store, owner, 'Lanterns glow at dusk.');
    backupDir = path.join(folders.folder('backup'), 'b');
    await backupDataDir({ dataDir: temporary.dataDir, target: backupDir });
  });
  afterEach(async () => {
    await temporary.cleanup();
    folders.cleanup();
  });

  const restoreInto = (dataDir: string, dimensions?: number) =>
    restoreDataDir({ backupDir, dataDir, ...(dimensions === undefined ? {} : { dimensions }) });

  /** The data directory was left as found: empty, no lock, no partial files. */
  const expectEmpty = (dataDir: string) => expect(readdirSync(dataDir)).toEqual([]);

  it('fills a fresh data directory that then opens with every document, chunk, blob and account', async () => {
    const dataDir = path.join(folders.folder('restore'), 'data');
    const { manifest } = await restoreInto(dataDir, TEST_DIMENSIONS);
    expect(manifest.counts.documents).toBe(1);

    const restored = openLocalStore({ dataDir, dimensions: TEST_DIMENSIONS, clock: systemClock, sessionTtlMs: 60_000 });
    try {
      const { document, bytes } = stored;
      expect(await restored.DocumentRepository.get(owner, document.id)).toEqual(document);
      expect(await restored.ChunkRepository.listForDocument(owner, document.id)).toHaveLength(1);
      expect(await restored.BlobStore.get(document.blobKey)).toEqual(bytes);
      expect((await restored.IdentityProvider.login(email, PASSWORD)).token).toBeTruthy();
    } finally {
      restored.close();
    }
  });

  it('refuses a data directory that is not empty, and one a running store holds', async () => {
    const dataDir = folders.folder('restore');
    writeFileSync(path.join(dataDir, 'keep.txt'), 'mine');
    await expectDocentError(restoreInto(dataDir), 'directory_not_empty');
    expect(readdirSync(dataDir)).toEqual(['keep.txt']);
    await expectDocentError(restoreInto(temporary.dataDir), 'directory_not_empty');
  });

  it('refuses a blob whose bytes changed, and leaves the data directory empty', async () => {
    writeFileSync(blobKeyPath(path.join(backupDir, 'blobs'), stored.document.blobKey), 'Lanterns glow at dawn.');
    const dataDir = folders.folder('restore');
    const error = await expectDocentError(restoreInto(dataDir), 'backup_invalid');
    expect(error.message).toContain(stored.document.blobKey);
    expectEmpty(dataDir);
  });

  it('refuses a flipped byte in the database', async () => {
    const file = path.join(backupDir, 'docent.db');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const dataDir = folders.folder('restore');
    await expectDocentError(restoreInto(dataDir), 'backup_invalid');
    expectEmpty(dataDir);
  });

  it('refuses a folder without a manifest, a malformed one, a missing file and an unsafe blob path', async () => {
    const dataDir = folders.folder('restore');
    await expectDocentError(restoreDataDir({ backupDir: folders.folder('nothing'), dataDir }), 'backup_invalid');
    const manifestFile = path.join(backupDir, 'manifest.json');
    const original = readFileSync(manifestFile, 'utf8');
    writeFileSync(manifestFile, original.slice(0, 40));
    await expectDocentError(restoreInto(dataDir), 'backup_invalid');
    writeFileSync(manifestFile, original);
    editManifest(backupDir, (manifest) => {
      const [blob] = manifest.blobs;
      if (blob) blob.path = '../../outside';
    });
    expect((await expectDocentError(restoreInto(dataDir), 'backup_invalid')).message).toContain('unsafe');
    writeFileSync(manifestFile, original);
    rmSync(path.join(backupDir, 'docent.db'));
    await expectDocentError(restoreInto(dataDir), 'backup_invalid');
    expectEmpty(dataDir);
  });

  it('refuses a manifest that does not describe its database (a blob left out)', async () => {
    editManifest(backupDir, (manifest) => {
      manifest.blobs = [];
    });
    const dataDir = folders.folder('restore');
    expect((await expectDocentError(restoreInto(dataDir), 'backup_invalid')).message).toContain('manifest');
    expectEmpty(dataDir);
  });

  it('refuses with conflict a newer schema or another vector width, before copying anything', async () => {
    const dataDir = folders.folder('restore');
    await expectDocentError(restoreInto(dataDir, TEST_DIMENSIONS * 2), 'conflict');
    editManifest(backupDir, (manifest) => {
      manifest.schemaVersion += 1000;
    });
    expect((await expectDocentError(restoreInto(dataDir), 'conflict')).message).toContain('newer');
    expectEmpty(dataDir);
  });
});
