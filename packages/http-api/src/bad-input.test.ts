import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse, SignedUpUser } from '../test-support/api-client.ts';
import { expectError } from '../test-support/expect-error.ts';
import { readQaDevDocument } from '../test-support/qa-dev.ts';
import { startTestServer, type TestServer } from '../test-support/test-server.ts';
import type { ErrorBody } from './errors/error-handler.ts';
import { ERROR_CODES, ERROR_STATUS } from './errors/status-table.ts';

const MAX_UPLOAD_BYTES = 64 * 1024;
const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

let server: TestServer;
let alice: SignedUpUser;
let documentId: string;
let snapshot: unknown;

/** What must survive every bad request: the documents, one document's text and the profile. */
const storedState = async () => {
  const token = alice.token;
  const { api } = server;
  return {
    documents: (await api.request('GET', '/documents', { token })).body,
    text: (await api.request('GET', `/documents/${documentId}/text`, { token })).body,
    profile: (await api.request('GET', '/auth/profile', { token })).body,
  };
};

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX_UPLOAD_BYTES });
  alice = await server.api.signUp();
  documentId = (await server.api.upload(alice.token, 'Artistic.txt', readQaDevDocument('Artistic.txt'))).body.document
    .id;
  await server.docent.drainJobs();
  snapshot = await storedState();
});
afterAll(() => server.close());

const expectServerIntact = async () => {
  const health = await server.api.request('GET', '/health');
  expect(health.body).toEqual({ status: 'ok', version: '0.0.0-test' });
  expect(await storedState()).toEqual(snapshot);
};

type Case = [
  name: string,
  send: () => Promise<ApiResponse<ErrorBody>>,
  status: number,
  code: string,
  mentions?: string,
];

const json = (path: string, body: string, token?: string) =>
  server.api.request('POST', path, {
    headers: { 'content-type': 'application/json' },
    body,
    ...(token ? { token } : {}),
  });

const cases = (): Case[] => {
  const { api } = server;
  const token = alice.token;
  const uploadBytes = (size: number) => api.upload(token, 'big.txt', new Uint8Array(size).fill(97));
  return [
    ['malformed JSON', () => json('/auth/login', '{"email": "a@b.c",'), 400, 'invalid_json'],
    ['malformed JSON on a protected route', () => json('/query/ask', '{question', token), 400, 'invalid_json'],
    ['empty JSON body', () => json('/auth/login', ''), 400, 'validation_failed', 'body'],
    ['JSON with a trailing comma', () => json('/auth/login', '{"email":"a@b.c",}'), 400, 'invalid_json'],
    ['JSON prototype poisoning', () => json('/auth/login', '{"__proto__":{"x":1}}'), 400, 'invalid_json'],
    ['missing field', () => json('/auth/register', '{"email":"x@example.com"}'), 400, 'validation_failed', 'password'],
    ['mistyped field', () => json('/auth/login', '{"email":5,"password":"x"}'), 400, 'validation_failed', 'email'],
    ['null body', () => json('/auth/login', 'null'), 400, 'validation_failed'],
    ['array body', () => json('/query/ask', '[]', token), 400, 'validation_failed'],
    [
      'text/plain on a JSON route',
      () => api.request('POST', '/auth/login', { headers: { 'content-type': 'text/plain' }, body: 'hi' }),
      415,
      'unsupported_media_type',
    ],
    [
      'form data on a JSON route',
      () => api.request('POST', '/query/ask', { token, body: new URLSearchParams({ question: 'hi' }) }),
      415,
      'unsupported_media_type',
    ],
    [
      'JSON over 1 MiB',
      () => json('/auth/login', JSON.stringify({ email: 'a'.repeat(1_100_000) })),
      413,
      'payload_too_large',
    ],
    ['unknown route', () => api.request('GET', '/nowhere', { token }), 404, 'not_found'],
    ['unknown route without a token', () => api.request('GET', '/documents/a/b/c'), 404, 'not_found'],
    ['wrong method', () => api.request('DELETE', '/auth/login'), 404, 'not_found'],
    ['wrong method on a protected path', () => api.request('PUT', '/documents', { token }), 404, 'not_found'],
    ['bad token', () => api.request('GET', '/documents', { token: 'forged-token' }), 401, 'unauthorized'],
    ['no token', () => api.request('GET', '/query/history'), 401, 'unauthorized'],
    ['upload without a token', () => api.upload('forged-token', 'a.txt', 'hello'), 401, 'unauthorized'],
    ['bad page size', () => api.request('GET', '/documents?limit=0', { token }), 400, 'validation_failed', 'limit'],
    [
      'non-numeric page size',
      () => api.request('GET', '/query/history?limit=ten', { token }),
      400,
      'validation_failed',
    ],
    ['overlong id', () => api.request('GET', `/documents/${'x'.repeat(101)}`, { token }), 400, 'validation_failed'],
    ['malformed URL', () => api.request('GET', '/documents/%E0%A4%A', { token }), 400, 'validation_failed'],
    ['0-byte file', () => api.upload(token, 'empty.txt', new Uint8Array()), 422, 'empty_document'],
    ['file far over the limit', () => uploadBytes(MAX_UPLOAD_BYTES * 4), 413, 'payload_too_large'],
    ['file one byte over the limit', () => uploadBytes(MAX_UPLOAD_BYTES + 1), 413, 'payload_too_large'],
    [
      'streamed file over the limit (no content-length)',
      () => {
        const boundary = 'docentboundary';
        const head = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.txt"\r\n\r\n`;
        const stream = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(head));
            for (let i = 0; i < 8; i++) controller.enqueue(new Uint8Array(MAX_UPLOAD_BYTES / 2).fill(98));
            controller.enqueue(new TextEncoder().encode(`\r\n--${boundary}--\r\n`));
            controller.close();
          },
        });
        return fetch(new URL('/documents/upload', server.baseUrl), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
          body: stream,
          duplex: 'half',
        } as RequestInit).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() }));
      },
      413,
      'payload_too_large',
    ],
    ['missing file field', () => api.upload(token, 'a.txt', 'hello', 'document'), 400, 'validation_failed', 'file'],
    ['unsupported file type', () => api.upload(token, 'image.png', PNG_SIGNATURE), 415, 'unsupported_media_type'],
    [
      'JSON instead of multipart',
      () => json('/documents/upload', '{"file":"hello"}', token),
      415,
      'unsupported_media_type',
    ],
    [
      'malformed multipart',
      () =>
        api.request('POST', '/documents/upload', {
          token,
          headers: { 'content-type': 'multipart/form-data; boundary=zzz' },
          body: 'this is not multipart',
        }),
      400,
      'validation_failed',
    ],
  ];
};

describe('bad input', () => {
  it('is refused with the right status and stable code, and leaves the server and data intact', async () => {
    for (const [name, send, status, code, mentions] of cases()) {
      const response = await send();
      expectError(response, status, code);
      if (mentions !== undefined) expect(response.body.error.message, name).toContain(mentions);
      await expectServerIntact();
    }
  });

  it('stops reading a refused upload: the server closes the connection instead of draining it', async () => {
    const { api } = server;
    const oversized = await api.upload(alice.token, 'big.txt', new Uint8Array(MAX_UPLOAD_BYTES * 16));
    const anonymous = await api.upload('forged-token', 'a.txt', new Uint8Array(MAX_UPLOAD_BYTES));
    expect([oversized.status, anonymous.status]).toEqual([413, 401]);
    for (const response of [oversized, anonymous]) expect(response.headers.get('connection')).toBe('close');
    expect((await api.request('GET', '/health')).headers.get('connection')).toBe('keep-alive');
  });

  it('accepts a file of exactly the size limit', async () => {
    const { api } = server;
    const bob = await api.signUp();
    const response = await api.upload(bob.token, 'limit.txt', new Uint8Array(MAX_UPLOAD_BYTES).fill(99));
    expect(response.status).toBe(202);
    expect(response.body.document.size).toBe(MAX_UPLOAD_BYTES);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const { api } = server;
    const sane = await api.request('GET', '/nowhere', { headers: { 'x-request-id': 'trace-42.a:b' } });
    expect(sane.headers.get('x-request-id')).toBe('trace-42.a:b');
    expect(sane.body.error.requestId).toBe('trace-42.a:b');
    const unsafe = await api.request('GET', '/nowhere', { headers: { 'x-request-id': 'x'.repeat(300) } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(unsafe.body.error.requestId).toBe(unsafe.headers.get('x-request-id'));
  });

  it('sends JSON API security headers, and no-store on auth responses', async () => {
    const { api } = server;
    const login = await api.request('POST', '/auth/login', { json: { email: alice.email, password: alice.password } });
    for (const response of [login, await api.request('GET', '/health'), await api.request('GET', '/nowhere')]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
const PATHS = [
  '/auth/register',
  '/auth/login',
  '/auth/logout',
  '/auth/profile',
  '/documents',
  '/documents/upload',
  '/documents/reindex',
  '/query/ask',
  '/query/search',
  '/query/history',
];
const CONTENT_TYPES = ['application/json', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', ''];

describe('arbitrary requests (property)', () => {
  it('never fail on the server: each answer is a success or a well-formed client error', async () => {
    // Another user, since a fuzzed logout may revoke the token.
    const mallory = await server.api.signUp();
    const request = fc.record({
      method: fc.constantFrom(...METHODS),
      path: fc.oneof(
        fc.constantFrom(...PATHS),
        fc.string().map((s) => `/documents/${encodeURIComponent(s)}x/text`),
        fc.webPath().map((p) => `/${p.replace(/^\/+/, '')}`),
      ),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      body: fc.oneof(fc.string(), fc.json()),
      authenticated: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(request, async ({ method, path, contentType, body, authenticated }) => {
        const hasBody = method !== 'GET';
        const response = await server.api.request(method, path, {
          headers: contentType === '' ? {} : { 'content-type': contentType },
          ...(hasBody ? { body } : {}),
          ...(authenticated ? { token: mallory.token } : {}),
        });
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          const code = response.body.error.code;
          expect(ERROR_CODES).toContain(code);
          expect(response.status).toBe(ERROR_STATUS[code as keyof typeof ERROR_STATUS]);
          expect(response.body.error.requestId).toBe(response.headers.get('x-request-id'));
        }
      }),
      { numRuns: 150 },
    );
    await expectServerIntact();
  });
});
