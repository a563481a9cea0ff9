import { createHash } from 'node:crypto';
import {
  type PresignedUpload,
  ProcessDocument,
  ProcessUploadedDocument,
  RequestUpload,
  type Resolver,
  TOKENS,
  type Token,
  type UploadSigner,
  type UploadSignRequest,
} from '@docent/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, createApiClient } from '../../test-support/api-client.ts';
import { expectError } from '../../test-support/expect-error.ts';
import { createInMemoryDocent, type InMemoryDocent } from '../../test-support/in-memory-docent.ts';
import { startTestServer } from '../../test-support/test-server.ts';
import { buildApp } from '../app.ts';

/** Signs nothing: a recognisable URL per key, and every request remembered. */
class FakeSigner implements UploadSigner {
  readonly requests: UploadSignRequest[] = [];
  async presignUpload(request: UploadSignRequest): Promise<PresignedUpload> {
    this.requests.push(request);
    return {
      url: `https://uploads.test/${request.key}?signed`,
      method: 'PUT',
      headers: { 'content-type': request.contentType, 'content-length': String(request.contentLength) },
    };
  }
}

const MAX_BYTES = 1000;
const TEXT = 'Presigned uploads send the bytes straight to storage.';

let docent: InMemoryDocent;
let signer: FakeSigner;
let api: ApiClient;
let close: () => Promise<void>;

beforeAll(async () => {
  docent = createInMemoryDocent({ maxUploadBytes: MAX_BYTES });
  signer = new FakeSigner();
  const { DocumentRepository: documents, Ids: ids, Clock: clock } = docent.adapters;
  const extra = new Map<symbol, unknown>([
    [TOKENS.UploadSigner, signer],
    [
      TOKENS.RequestUpload,
      new RequestUpload(
        { documents, signer, ids, clock, extractor: docent.resolver.get(TOKENS.TextExtractor) },
        { maxBytes: MAX_BYTES },
      ),
    ],
  ]);
  const resolver: Resolver = {
    get: <T>(token: Token<T>): T => (extra.has(token) ? (extra.get(token) as T) : docent.resolver.get(token)),
  };
  const app = await buildApp(resolver, { version: '0.0.0-test', maxUploadBytes: MAX_BYTES });
  api = createApiClient(await app.listen({ host: '127.0.0.1', port: 0 }));
  close = () => app.close();
});
afterAll(() => close());

const requestUpload = (token: string, json: unknown) => api.request('POST', '/documents/upload', { token, json });

/** What the storage event would run once the client has PUT the bytes. */
const bytesArrive = async (key: string, bytes: Uint8Array) => {
  const a = docent.adapters;
  await a.BlobStore.put(key, bytes);
  const extractor = docent.resolver.get(TOKENS.TextExtractor);
  const processor = new ProcessDocument({
    documents: a.DocumentRepository,
    blobs: a.BlobStore,
    extractor,
    chunks: a.ChunkRepository,
    embedder: a.Embedder,
    lexical: a.LexicalIndex,
    vectors: a.VectorIndex,
    ids: a.Ids,
    clock: a.Clock,
  });
  const [ownerId = '', documentId = ''] = key.split('/').slice(1);
  const process = new ProcessUploadedDocument({
    documents: a.DocumentRepository,
    blobs: a.BlobStore,
    extractor,
    unitOfWork: a.UnitOfWork,
    processor,
  });
  return process.execute({ ownerId, documentId });
};

describe('POST /documents/upload with a JSON body (presigned uploads on)', () => {
  it('answers 201 with the `uploaded` document and a signed PUT; the document is ready once the bytes arrive', async () => {
    const alice = await api.signUp();
    const bytes = new TextEncoder().encode(TEXT);
    const response = await requestUpload(alice.token, {
      name: 'notes.txt',
      size: bytes.length,
      contentType: 'text/plain',
    });
    expect(response.status).toBe(201);
    const { document, created, upload } = response.body;
    expect(created).toBe(true);
    expect(document).toMatchObject({
      name: 'notes.txt',
      size: bytes.length,
      status: 'uploaded',
      sha256: `pending:${document.id}`,
    });
    expect(Object.keys(document)).not.toContain('blobKey');
    const key = `documents/${alice.user.id}/${document.id}`;
    expect(upload).toEqual({
      url: `https://uploads.test/${key}?signed`,
      method: 'PUT',
      headers: { 'content-type': 'text/plain', 'content-length': String(bytes.length) },
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u),
    });
    expect(signer.requests.at(-1)).toMatchObject({ key, maxBytes: MAX_BYTES, contentLength: bytes.length });

    expect((await bytesArrive(key, bytes)).outcome).toBe('processed');
    const got = await api.request('GET', `/documents/${document.id}`, { token: alice.token });
    expect(got.body.document).toMatchObject({
      status: 'ready',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('answers 200, `created: false` and the dedup header for a declared SHA-256 the caller already has', async () => {
    const alice = await api.signUp();
    const sha256 = 'ab'.repeat(32);
    const input = { name: 'a.txt', size: 10, contentType: 'text/plain', sha256 };
    const first = await requestUpload(alice.token, input);
    const again = await requestUpload(alice.token, { ...input, name: 'b.txt' });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-docent-deduplicated')).toBe('true');
    expect(again.body).toMatchObject({ created: false, document: { id: first.body.document.id, sha256 } });
    // The bytes never arrived, so the caller gets a ticket again.
    expect(again.body.upload.url).toBe(first.body.upload.url);
  });

  it('refuses bad requests with the upload codes, creating nothing', async () => {
    const alice = await api.signUp();
    const ok = { name: 'a.txt', size: 10, contentType: 'text/plain' };
    const cases: [unknown, number, string][] = [
      [{ name: 'a.txt', contentType: 'text/plain' }, 400, 'validation_failed'],
      [{ ...ok, size: '10' }, 400, 'validation_failed'],
      [{ ...ok, extra: true }, 400, 'validation_failed'],
      [{ ...ok, sha256: 'xyz' }, 400, 'validation_failed'],
      [{ ...ok, size: MAX_BYTES + 1 }, 413, 'payload_too_large'],
      [{ ...ok, contentType: 'image/png' }, 415, 'unsupported_media_type'],
      [{ ...ok, size: 0 }, 422, 'empty_document'],
    ];
    for (const [body, status, code] of cases) expectError(await requestUpload(alice.token, body), status, code);
    const list = await api.request('GET', '/documents', { token: alice.token });
    expect(list.body.documents).toEqual([]);
  });

  it('names the missing field', async () => {
    const alice = await api.signUp();
    const response = await requestUpload(alice.token, { name: 'a.txt', contentType: 'text/plain' });
    expect(response.body.error.message).toBe('body.size is required');
  });

  it('needs a bearer token', async () => {
    expectError(
      await api.request('POST', '/documents/upload', { json: { name: 'a.txt', size: 1, contentType: 'text/plain' } }),
      401,
      'unauthorized',
    );
  });

  it('still takes multipart uploads (202)', async () => {
    const alice = await api.signUp();
    const response = await api.upload(alice.token, 'direct.txt', TEXT);
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ created: true, document: { status: 'uploaded' } });
  });

  it('documents both bodies and the ticket response in OpenAPI', async () => {
    const spec = (await api.request('GET', '/openapi.json')).body;
    const operation = spec.paths['/documents/upload'].post;
    expect(Object.keys(operation.requestBody.content).sort()).toEqual(['application/json', 'multipart/form-data']);
    expect(operation.requestBody.content['application/json'].schema.required).toEqual(['name', 'size', 'contentType']);
    expect(Object.keys(operation.responses)).toEqual(
      expect.arrayContaining(['200', '201', '202', '400', '401', '413', '415']),
    );
  });

  it('never fails on the server, whatever JSON arrives (property)', async () => {
    const alice = await api.signUp();
    const body = fc.record(
      {
        name: fc.oneof(fc.string(), fc.integer()),
        size: fc.oneof(fc.integer(), fc.double(), fc.string()),
        contentType: fc.string(),
        sha256: fc.string(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(body, async (json) => {
        const response = await requestUpload(alice.token, json);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 60 },
    );
  });
});

describe('POST /documents/upload with a JSON body (no upload signer)', () => {
  it('keeps answering 415: files come as multipart only', async () => {
    const server = await startTestServer();
    try {
      const alice = await server.api.signUp();
      const response = await server.api.request('POST', '/documents/upload', {
        token: alice.token,
        json: { name: 'a.txt', size: 1, contentType: 'text/plain' },
      });
      expectError(response, 415, 'unsupported_media_type');
    } finally {
      await server.close();
    }
  });
});
