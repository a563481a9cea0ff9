import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, QA_DEV } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

const uploadBytes = (api: ApiClient, name: string, bytes: Uint8Array) => {
  const form = new FormData();
  form.append('file', new Blob([bytes]), name);
  return api.request('POST', '/documents/upload', form);
};

// Bad input against the real server and SQLite store: each gets the right status and code, the
// server stays up, and what was stored before is intact.
describe('bad input on the real server', () => {
  let dataDir: string;
  let server: ServerProcess;
  let api: ApiClient;
  let keptId: string;
  let keptText: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bad-'));
    server = await startServer(dataDir, { DOCENT_EMBEDDER: 'hashing', DOCENT_MAX_UPLOAD_MB: '1' });
    api = new ApiClient(server.url);
    await api.signIn('careful@example.com', 'Careful123');
    keptId = (await api.upload(path.join(QA_DEV, 'docs', 'Artistic.txt'))).json.document.id;
    await api.waitForProcessing(60_000);
    keptText = (await api.request('GET', `/documents/${keptId}/text`)).json.text;
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const expectError = (response: { status: number; json: any }, status: number, code: string) => {
    expect({ status: response.status, code: response.json?.error?.code }).toEqual({ status, code });
    expect(response.json.error.requestId).toEqual(expect.any(String));
    expect(response.json.error.message).toEqual(expect.any(String));
  };

  it('rejects malformed JSON, missing and mistyped fields', async () => {
    const raw = await fetch(new URL('/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "x@y.z", ',
    });
    expectError({ status: raw.status, json: await raw.json() }, 400, 'invalid_json');
    expectError(await api.request('POST', '/query/ask', {}), 400, 'validation_failed');
    expectError(await api.request('POST', '/query/ask', { question: 42 }), 400, 'validation_failed');
    expectError(await api.request('POST', '/query/ask', { question: 'ok?', topK: 'ten' }), 400, 'validation_failed');
    expectError(
      await api.request('POST', '/auth/register', { email: 'weak@example.com', password: 'short' }),
      400,
      'weak_password',
    );
  });

  it('rejects empty, oversized, unsupported and unreadable files', async () => {
    expectError(await uploadBytes(api, 'empty.txt', new Uint8Array()), 422, 'empty_document');
    expectError(await uploadBytes(api, 'big.txt', new Uint8Array(1024 * 1024 + 10).fill(97)), 413, 'payload_too_large');
    // A GIF: an image type OCR does not take (PNG, JPEG, TIFF and WebP are read by OCR).
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0x80, 0, 0]);
    expectError(await uploadBytes(api, 'image.gif', gif), 415, 'unsupported_media_type');
    expectError(
      await uploadBytes(api, 'notes.txt', Uint8Array.from([0x68, 0x69, 0x00, 0xff, 0xfe, 0x00])),
      415,
      'unsupported_media_type',
    );

    const pdf = await readFile(path.join(QA_DEV, 'docs', 'bzip2-manual.pdf'));
    const corrupt = await uploadBytes(api, 'corrupt.pdf', pdf.subarray(0, 4000));
    expect(corrupt.status).toBe(202);
    const documents = await api.waitForProcessing(60_000);
    const failed = documents.find((d) => d.id === corrupt.json.document.id);
    expect(failed.status).toBe('failed');
    expect(failed.error.code).toBe('extraction_failed');
  });

  it('rejects unknown routes and bad tokens', async () => {
    expectError(await api.request('GET', '/no/such/route'), 404, 'not_found');
    expectError(await new ApiClient(server.url, 'not-a-token').request('GET', '/documents'), 401, 'unauthorized');
    expectError(await new ApiClient(server.url).request('GET', '/auth/profile'), 401, 'unauthorized');
    expectError(await api.request('GET', '/documents/does-not-exist'), 404, 'document_not_found');
  });

  it('is still up with the stored document intact', async () => {
    const health = await api.request('GET', '/health');
    expect(health.json.status).toBe('ok');
    const { json } = await api.request('GET', `/documents/${keptId}/text`);
    expect(json.text).toBe(keptText);
    const ask = await api.request('POST', '/query/ask', {
      question: 'May I charge a fee for distributing the package?',
    });
    expect(ask.json.sources[0].documentId).toBe(keptId);
  });
});
