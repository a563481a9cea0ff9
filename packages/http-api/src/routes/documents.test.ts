import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test-support/expect-error.ts';
import { readQaDevDocument } from '../../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const PUBLIC_FIELDS = ['contentType', 'id', 'name', 'progress', 'searchable', 'sha256', 'size', 'status', 'uploadedAt'];

describe('POST /documents/upload', () => {
  it('accepts a file (202) and presents the document without owner or storage fields', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const bytes = readQaDevDocument('Artistic.txt');
    const response = await api.upload(alice.token, 'licences/Artistic.txt', bytes);
    expect(response.status).toBe(202);
    expect(response.headers.get('x-docent-deduplicated')).toBeNull();
    expect(response.body.created).toBe(true);
    const { document } = response.body;
    expect(Object.keys(document).sort()).toEqual(PUBLIC_FIELDS);
    expect(document).toMatchObject({
      name: 'Artistic.txt',
      contentType: 'text/plain',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      status: 'uploaded',
      searchable: false,
      progress: { stage: 'queued', done: 0, total: 1 },
    });
  });

  it('answers a re-upload of the same bytes with 202, the existing document and the dedup header', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const first = await api.upload(alice.token, 'cc0.txt', readQaDevDocument('CC0-1.0.txt'));
    const again = await api.upload(alice.token, 'renamed.txt', readQaDevDocument('CC0-1.0.txt'));
    expect(again.status).toBe(202);
    expect(again.headers.get('x-docent-deduplicated')).toBe('true');
    expect(again.body.created).toBe(false);
    expect(again.body.document.id).toBe(first.body.document.id);
    const list = await api.request('GET', '/documents', { token: alice.token });
    expect(list.body.documents).toHaveLength(1);
  });
});

describe('GET /documents', () => {
  it('lists newest first, page by page, each document once', async () => {
    const { api } = server;
    const alice = await api.signUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await api.upload(alice.token, `note-${i}.txt`, `note number ${i}`)).body.document.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const page = await api.request('GET', `/documents${query}`, { token: alice.token });
      expect(page.status).toBe(200);
      expect(page.body.documents.length).toBeLessThanOrEqual(2);
      for (const document of page.body.documents) expect(Object.keys(document)).not.toContain('ownerId');
      seen.push(...page.body.documents.map((d: { id: string }) => d.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...ids].reverse());
  });
});

describe('a document through its life', () => {
  it('gets, processes, reads its text, and deletes it', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const uploaded = await api.upload(alice.token, 'zstd-README.md', readQaDevDocument('zstd-README.md'));
    const id: string = uploaded.body.document.id;

    const got = await api.request('GET', `/documents/${id}`, { token: alice.token });
    expect(got.status).toBe(200);
    expect(got.body.document).toEqual(uploaded.body.document);
    expectError(await api.request('GET', `/documents/${id}/text`, { token: alice.token }), 409, 'document_not_ready');

    expect(await docent.drainJobs()).toBeGreaterThanOrEqual(1);
    const ready = await api.request('GET', `/documents/${id}`, { token: alice.token });
    expect(ready.body.document).toMatchObject({ status: 'ready', progress: { stage: 'done' } });
    expect(ready.body.document.chunkCount).toBeGreaterThan(0);
    expect(Date.parse(ready.body.document.readyAt)).not.toBeNaN();

    const text = await api.request('GET', `/documents/${id}/text`, { token: alice.token });
    expect(text.status).toBe(200);
    expect(Object.keys(text.body).sort()).toEqual(['documentId', 'headings', 'pages', 'text']);
    expect(text.body.documentId).toBe(id);
    expect(text.body.text).toContain('Zstandard');
    expect(text.body.headings.length).toBeGreaterThan(0);
    for (const heading of text.body.headings) {
      expect(text.body.text.slice(heading.charStart, heading.charEnd)).toBe(heading.text);
    }

    const deleted = await api.request('DELETE', `/documents/${id}`, { token: alice.token });
    expect(deleted.status).toBe(204);
    expectError(await api.request('GET', `/documents/${id}`, { token: alice.token }), 404, 'document_not_found');
    expectError(await api.request('GET', `/documents/${id}/text`, { token: alice.token }), 404, 'document_not_found');
    expectError(await api.request('DELETE', `/documents/${id}`, { token: alice.token }), 404, 'document_not_found');
    expect((await api.request('GET', '/documents', { token: alice.token })).body.documents).toEqual([]);
    expect(await docent.adapters.BlobStore.get(`documents/${alice.user.id}/${id}`)).toBeNull();
  });

  it('shows the estimated time left while a document is embedding, in the list and alone', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const id: string = (await api.upload(alice.token, 'eta.txt', 'some text to embed')).body.document.id;
    const progress = { stage: 'embedding', done: 120, total: 900, etaSeconds: 95 } as const;
    await docent.adapters.DocumentRepository.update(alice.user.id, id, { status: 'processing', progress });
    const got = await api.request('GET', `/documents/${id}`, { token: alice.token });
    expect(got.body.document.progress).toEqual(progress);
    // Embedding comes after the passages are in BM25: questions already search it.
    expect(got.body.document.searchable).toBe(true);
    const list = await api.request('GET', '/documents', { token: alice.token });
    expect(list.body.documents[0]).toMatchObject({ progress, searchable: true });
    const chunking = { stage: 'chunking', done: 0, total: 1 } as const;
    await docent.adapters.DocumentRepository.update(alice.user.id, id, { progress: chunking });
    const earlier = await api.request('GET', `/documents/${id}`, { token: alice.token });
    expect(earlier.body.document).toMatchObject({ status: 'processing', searchable: false });
  });

  it('shows why processing failed', async () => {
    const { api, docent } = server;
    const alice = await api.signUp();
    const uploaded = await api.upload(alice.token, 'blank.txt', ' \n\n \t \n');
    expect(uploaded.status).toBe(202);
    await docent.drainJobs();
    const failed = await api.request('GET', `/documents/${uploaded.body.document.id}`, { token: alice.token });
    expect(failed.body.document).toMatchObject({ status: 'failed', error: { code: 'empty_document' } });
  });

  it('answers 404 for an unknown id on every document route', async () => {
    const { api } = server;
    const alice = await api.signUp();
    for (const [method, path] of [
      ['GET', '/documents/unknown'],
      ['GET', '/documents/unknown/text'],
      ['DELETE', '/documents/unknown'],
    ] as const) {
      expectError(await api.request(method, path, { token: alice.token }), 404, 'document_not_found');
    }
  });
});
