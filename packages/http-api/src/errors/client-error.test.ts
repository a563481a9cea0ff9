import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** Sends raw bytes on a fresh connection and returns everything the server wrote before closing. */
const sendRaw = (request: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const { port } = new URL(server.baseUrl);
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString('utf8')));
    socket.on('close', () => resolve(received));
    socket.on('error', reject);
  });

const parseRaw = (raw: string) => {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  const [statusLine = '', ...headerLines] = head.split('\r\n');
  const headers = new Map(
    headerLines.map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(body) };
};

describe('errors of the HTTP parser (before routing)', () => {
  it('answers oversized headers with 431 in the error envelope, its request id also in the header', async () => {
    // Node's default limit is 16 KiB for all headers together.
    const raw = await sendRaw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const response = parseRaw(raw);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.body).toEqual({
      error: { code: 'headers_too_large', message: expect.any(String), requestId: expect.any(String) },
    });
    expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId);
    expect(Number(response.headers.get('content-length'))).toBe(Buffer.byteLength(raw.split('\r\n\r\n')[1] ?? ''));
  });

  it('answers a request that is not HTTP with 400 in the same envelope', async () => {
    const response = parseRaw(await sendRaw('NOT HTTP AT ALL\r\n\r\n'));
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
    expect(response.headers.get('x-request-id')).toBe(response.body.error.requestId);
  });

  it('keeps serving ordinary requests afterwards', async () => {
    await sendRaw(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect((await server.api.request('GET', '/health')).status).toBe(200);
  });
});
