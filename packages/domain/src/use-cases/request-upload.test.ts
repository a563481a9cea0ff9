import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import type { PresignedUpload, UploadSigner, UploadSignRequest } from '../ports/upload-signer.ts';
import { isPendingSha256 } from './pending-sha256.ts';
import { RequestUpload } from './request-upload.ts';

/** Signs nothing: returns a recognisable URL per key and remembers every request. */
class RecordingSigner implements UploadSigner {
  readonly requests: UploadSignRequest[] = [];
  async presignUpload(request: UploadSignRequest): Promise<PresignedUpload> {
    this.requests.push(request);
    return {
      url: `https://uploads.test/${request.key}`,
      method: 'PUT',
      headers: { 'content-type': request.contentType },
    };
  }
}

const SHA = 'ab'.repeat(32);

const setUp = (options: { maxBytes?: number } = {}) => {
  const world = createWorld();
  const signer = new RecordingSigner();
  const request = new RequestUpload({ ...world.ports, signer }, { ...options, expiresInSeconds: 600 });
  return { world, signer, request };
};

describe('RequestUpload', () => {
  it('creates the document `uploaded` with a pending SHA-256 and signs a PUT of exactly its size and type', async () => {
    const { world, signer, request } = setUp();
    const alice = await world.user();
    const result = await request.execute(alice, { name: 'dir/notes.md', size: 42, contentType: 'text/markdown' });
    const { document } = result;
    expect(result.created).toBe(true);
    expect(document).toMatchObject({
      ownerId: alice.userId,
      name: 'notes.md',
      contentType: 'text/markdown',
      size: 42,
      blobKey: `documents/${alice.userId}/${document.id}`,
      status: 'uploaded',
      progress: { stage: 'queued', done: 0, total: 1 },
      uploadedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(isPendingSha256(document.sha256)).toBe(true);
    expect(await world.ports.documents.get(alice.userId, document.id)).toEqual(document);
    expect(signer.requests).toEqual([
      {
        key: document.blobKey,
        contentType: 'text/markdown',
        maxBytes: 50 * 1024 * 1024,
        contentLength: 42,
        expiresInSeconds: 600,
      },
    ]);
    expect(result.upload).toEqual({
      url: `https://uploads.test/${document.blobKey}`,
      method: 'PUT',
      headers: { 'content-type': 'text/markdown' },
      expiresAt: '2025-01-01T00:10:00.000Z',
    });
  });

  it('gives two requests for files of unknown content two documents (pending hashes never collide)', async () => {
    const { world, request } = setUp();
    const alice = await world.user();
    const input = { name: 'a.txt', size: 3, contentType: 'text/plain' };
    const first = await request.execute(alice, input);
    const second = await request.execute(alice, input);
    expect(second.document.id).not.toBe(first.document.id);
    expect(await world.ports.documents.count(alice.userId)).toBe(2);
  });

  it('normalises the declared type to its bare, lower-case media type', async () => {
    const { world, request } = setUp();
    const alice = await world.user();
    const { document } = await request.execute(alice, {
      name: 'a.txt',
      size: 3,
      contentType: 'Text/Plain; charset=utf-8',
    });
    expect(document.contentType).toBe('text/plain');
  });

  it('refuses bad names, sizes, types and hashes before creating or signing anything', async () => {
    const { world, signer, request } = setUp({ maxBytes: 100 });
    const alice = await world.user();
    const ok = { name: 'a.txt', size: 10, contentType: 'text/plain' };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: ' / ' }, 'validation_failed'],
      [{ size: -1 }, 'validation_failed'],
      [{ size: 1.5 }, 'validation_failed'],
      [{ size: 101 }, 'payload_too_large'],
      [{ size: 0 }, 'empty_document'],
      [{ contentType: 'application/x-msdownload' }, 'unsupported_media_type'],
      [{ sha256: 'not-a-hash' }, 'validation_failed'],
    ];
    for (const [change, code] of cases) {
      await expect(request.execute(alice, { ...ok, ...change })).rejects.toMatchObject({ code });
    }
    expect(await world.ports.documents.count(alice.userId)).toBe(0);
    expect(signer.requests).toHaveLength(0);
  });

  it('keeps a declared SHA-256 (lower-cased) and answers a repeat with the same document and a fresh ticket', async () => {
    const { world, signer, request } = setUp();
    const alice = await world.user();
    const input = { name: 'a.txt', size: 3, contentType: 'text/plain', sha256: SHA.toUpperCase() };
    const first = await request.execute(alice, input);
    expect(first.document.sha256).toBe(SHA);
    const again = await request.execute(alice, { ...input, name: 'renamed.txt' });
    expect(again).toMatchObject({ created: false, document: first.document });
    expect(again.upload?.url).toBe(first.upload?.url);
    expect(signer.requests).toHaveLength(2);
  });

  it('gives no ticket for a declared SHA-256 whose bytes already arrived', async () => {
    const { world, request } = setUp();
    const alice = await world.user();
    const uploaded = await world.uploadText(alice, 'a.txt', 'abc');
    await world.drainJobs();
    const again = await request.execute(alice, {
      name: 'b.txt',
      size: 3,
      contentType: 'text/plain',
      sha256: uploaded.sha256,
    });
    expect(again).toMatchObject({ created: false, upload: null, document: { id: uploaded.id, status: 'ready' } });
  });

  it('deduplicates per owner only', async () => {
    const { world, request } = setUp();
    const [alice, bob] = [await world.user(), await world.user()];
    const input = { name: 'a.txt', size: 3, contentType: 'text/plain', sha256: SHA };
    await request.execute(alice, input);
    expect((await request.execute(bob, input)).created).toBe(true);
  });
});
