import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeBlobStoreContract } from '@docent/testing';
import { FileBlobStore } from './file-blob-store.ts';

describeBlobStoreContract('FileBlobStore', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'docent-blobs-'));
  return { store: new FileBlobStore(root), cleanup: async () => rmSync(root, { recursive: true, force: true }) };
});
