import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileBlobStore } from './file-blob-store.ts';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));

describe('FileBlobStore', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'docent-blobs-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('leaves exactly one file per key: no temporary files survive a put', async () => {
    const store = new FileBlobStore(root);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.put('documents/u/d', Uint8Array.of(i))));
    expect(filesUnder(root)).toEqual([path.join('documents', 'u', 'd')]);
    expect((await store.get('documents/u/d'))?.byteLength).toBe(1);
  });

  it('a failed put reports unavailable, keeps the old bytes and cleans up its temporary file', async () => {
    const store = new FileBlobStore(root);
    await store.put('documents/u/d', Uint8Array.of(1));
    // A folder where the rename needs a file makes the final step fail after the temp file exists.
    mkdirSync(path.join(root, 'documents', 'u', 'blocked', 'inside'), { recursive: true });
    await expect(store.put('documents/u/blocked', Uint8Array.of(2))).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
    });
    expect(filesUnder(root)).toEqual([path.join('documents', 'u', 'd')]);
    expect(await store.get('documents/u/d')).toEqual(Uint8Array.of(1));
  });

  it('refuses unsafe keys before touching the disk', async () => {
    const store = new FileBlobStore(path.join(root, 'blobs'));
    await expect(store.put('../escape', Uint8Array.of(1))).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(store.get('../escape')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(store.delete('a/../../escape')).rejects.toMatchObject({ code: 'validation_failed' });
    expect(readdirSync(root)).toEqual([]);
  });
});
