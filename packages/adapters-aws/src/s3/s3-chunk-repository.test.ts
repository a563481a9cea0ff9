import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Chunk } from '@docent/domain';
import { expectDocentError, makeDocumentContent } from '@docent/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type S3TestServer, startS3TestServer } from '../../test-support/s3-test-server.ts';
import { S3ChunkRepository } from './s3-chunk-repository.ts';

let server: S3TestServer;
beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(() => server.close());

let bucket: string;
let admin: S3Client;
beforeEach(async () => {
  bucket = await server.createBucket();
  admin = server.client();
  return () => admin.destroy();
});

const keysIn = async (): Promise<string[]> => {
  const listed = await admin.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((object) => object.Key ?? '').sort();
};

const readText = async (key: string): Promise<string> => {
  const object = await admin.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToString()) ?? '';
};

const content = (owner: string, documentId: string, paragraphs = ['First part.', 'Second part.', 'Third.']) =>
  makeDocumentContent({ ownerId: owner, documentId, paragraphs });

/** A client whose DeleteObject calls fail like a dropped connection: a run cut short mid-way. */
const clientFailingDeletes = (): S3Client => {
  const client = server.client();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'DeleteObjectCommand') {
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return next(args);
    },
    { step: 'initialize' },
  );
  return client;
};

const ids = (chunks: readonly Chunk[]): string[] => chunks.map((chunk) => chunk.id);

describe('S3ChunkRepository object layout', () => {
  it('writes one encrypted JSON object per document and one pointer per chunk, outside documents/', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const { text, chunks } = content('user-1', 'doc-1');
    await repo.replaceForDocument('user-1', 'doc-1', text, chunks);

    expect(await keysIn()).toEqual(
      ['chunks/user-1/doc-1.json', ...chunks.map((chunk) => `chunk-index/user-1/${chunk.id}`)].sort(),
    );
    for (const chunk of chunks) expect(await readText(`chunk-index/user-1/${chunk.id}`)).toBe('doc-1');
    const stored = JSON.parse(await readText('chunks/user-1/doc-1.json'));
    expect(stored.text).toEqual(text);
    // Chunk texts are slices of the document text, so they are not stored a second time.
    expect(stored.chunks.map((chunk: Record<string, unknown>) => 'text' in chunk)).toEqual([false, false, false]);
    const puts = server.received.filter(
      (request) => request.method === 'PUT' && request.url.startsWith(`/${bucket}/chunk`),
    );
    expect(puts.length).toBe(1 + chunks.length);
    expect(puts.every((request) => request.headers['x-amz-server-side-encryption'] === 'AES256')).toBe(true);
  });

  it('keeps a chunk text that is not the slice of its offsets as it was given', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const { text, chunks } = content('user-1', 'doc-1', ['Alpha.', 'Beta.']);
    const odd = chunks.map((chunk, i) => (i === 1 ? { ...chunk, text: 'Beta, reworded.' } : chunk));
    await repo.replaceForDocument('user-1', 'doc-1', text, odd);
    expect(await repo.listForDocument('user-1', 'doc-1')).toEqual(odd);
  });

  it('keeps owners apart even when ids contain slashes', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const first = content('a/b', 'c');
    const second = content('a', 'b/c', ['Other owner.']);
    await repo.replaceForDocument('a/b', 'c', first.text, first.chunks);
    await repo.replaceForDocument('a', 'b/c', second.text, second.chunks);
    expect(await repo.listForDocument('a/b', 'c')).toEqual(first.chunks);
    expect(await repo.listForDocument('a', 'b/c')).toEqual(second.chunks);
    expect(await keysIn()).toContain('chunks/a%2Fb/c.json');
  });

  it('getMany reads each involved document object once', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const one = content('user-1', 'doc-1');
    const two = content('user-1', 'doc-2');
    await repo.replaceForDocument('user-1', 'doc-1', one.text, one.chunks);
    await repo.replaceForDocument('user-1', 'doc-2', two.text, two.chunks);
    const before = server.received.length;
    const asked = [...ids(two.chunks), ...ids(one.chunks)].reverse();
    expect(ids(await repo.getMany('user-1', [...asked, asked[0] ?? '']))).toEqual(asked);
    const gets = server.received.slice(before).map((request) => request.url.split('?')[0]);
    expect(gets.filter((url) => url?.startsWith(`/${bucket}/chunks/`)).sort()).toEqual([
      `/${bucket}/chunks/user-1/doc-1.json`,
      `/${bucket}/chunks/user-1/doc-2.json`,
    ]);
    expect(gets.filter((url) => url?.startsWith(`/${bucket}/chunk-index/`)).length).toBe(6);
  });

  it('refuses chunks of another document or owner', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const { text, chunks } = content('user-1', 'doc-1');
    await expectDocentError(repo.replaceForDocument('user-1', 'doc-2', text, chunks), 'validation_failed');
    await expectDocentError(repo.replaceForDocument('user-2', 'doc-1', text, chunks), 'validation_failed');
    expect(await keysIn()).toEqual([]);
  });

  it('reports an unreadable document object as internal_error', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    for (const body of ['{not json', '{"version":2}']) {
      await admin.send(new PutObjectCommand({ Bucket: bucket, Key: 'chunks/user-1/doc-1.json', Body: body }));
      await expectDocentError(repo.getText('user-1', 'doc-1'), 'internal_error');
    }
  });
});

describe('S3ChunkRepository replacement runs', () => {
  it('a new run deletes the pointers of the previous run', async () => {
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    const first = content('user-1', 'doc-1');
    const second = content('user-1', 'doc-1', ['Reprocessed.']);
    await repo.replaceForDocument('user-1', 'doc-1', first.text, first.chunks);
    await repo.replaceForDocument('user-1', 'doc-1', second.text, second.chunks);
    expect(await keysIn()).toEqual(
      ['chunks/user-1/doc-1.json', ...second.chunks.map((chunk) => `chunk-index/user-1/${chunk.id}`)].sort(),
    );
    expect(JSON.parse(await readText('chunks/user-1/doc-1.json')).retired).toEqual([]);
  });

  it('a run cut short leaves stale pointers that read as nothing, and the next run removes them', async () => {
    const first = content('user-1', 'doc-1');
    const second = content('user-1', 'doc-1', ['Second run.']);
    const third = content('user-1', 'doc-1', ['Third run.']);
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    await repo.replaceForDocument('user-1', 'doc-1', first.text, first.chunks);

    const failing = new S3ChunkRepository({ bucket, client: clientFailingDeletes() });
    await expectDocentError(failing.replaceForDocument('user-1', 'doc-1', second.text, second.chunks), 'unavailable');
    expect(await repo.getMany('user-1', ids(first.chunks))).toEqual([]);
    expect(await repo.getMany('user-1', ids(second.chunks))).toEqual(second.chunks);
    expect(await repo.listForDocument('user-1', 'doc-1')).toEqual(second.chunks);
    expect((await keysIn()).length).toBe(1 + first.chunks.length + second.chunks.length);

    await repo.replaceForDocument('user-1', 'doc-1', third.text, third.chunks);
    expect(await keysIn()).toEqual([`chunk-index/user-1/${third.chunks[0]?.id}`, 'chunks/user-1/doc-1.json'].sort());
  });

  it('deletion after a cut-short run removes every pointer of both runs', async () => {
    const first = content('user-1', 'doc-1');
    const second = content('user-1', 'doc-1', ['Second run.']);
    const repo = new S3ChunkRepository({ bucket, client: server.client() });
    await repo.replaceForDocument('user-1', 'doc-1', first.text, first.chunks);
    const failing = new S3ChunkRepository({ bucket, client: clientFailingDeletes() });
    await expectDocentError(failing.replaceForDocument('user-1', 'doc-1', second.text, second.chunks), 'unavailable');

    await expectDocentError(failing.deleteForDocument('user-1', 'doc-1'), 'unavailable');
    expect(await repo.getText('user-1', 'doc-1')).toEqual(second.text);
    await repo.deleteForDocument('user-1', 'doc-1');
    expect(await keysIn()).toEqual([]);
  });

  it('refuses a concurrency below one', () => {
    expect(() => new S3ChunkRepository({ bucket, client: admin, concurrency: 0 })).toThrow(/concurrency/);
  });
});
