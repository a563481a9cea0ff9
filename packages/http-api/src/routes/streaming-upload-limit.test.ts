import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedUpUser } from '../../test-support/api-client.ts';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';

const MAX_UPLOAD_BYTES = 256 * 1024;
// What the client offers before giving up: far more than the limit, so a server that drains the
// body is caught reading it all.
const OFFERED_BYTES = 32 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 98);
const BOUNDARY = 'docentboundary';

let server: TestServer;
let alice: SignedUpUser;
// Bytes each server-side connection read off its socket, recorded when it closes.
const serverReads: number[] = [];

beforeAll(async () => {
  server = await startTestServer({ maxUploadBytes: MAX_UPLOAD_BYTES });
  server.app.server.on('connection', (socket: Socket) => {
    socket.on('close', () => serverReads.push(socket.bytesRead));
  });
  alice = await server.api.signUp();
});
afterAll(() => server.close());

/**
 * Sends a chunked upload (no content-length) that keeps going after `prefix` until the server
 * answers or closes, as a hostile client would; returns the response text and bytes written.
 */
const sendEndless = async (prefix: string): Promise<{ response: string; written: number }> => {
  const { port } = new URL(server.baseUrl);
  const socket = connect(Number(port), '127.0.0.1');
  await once(socket, 'connect');
  let response = '';
  let done = false;
  socket.on('data', (data) => {
    response += data.toString();
  });
  socket.on('error', () => {});
  // The server may reset the connection while we write (it closes with our bytes unread): that ends the send.
  const finished = new Promise<void>((resolve) => socket.once('close', () => resolve())).then(() => {
    done = true;
  });
  const drained = () => new Promise<void>((resolve) => socket.once('drain', () => resolve()));
  const write = async (data: string | Buffer) => {
    if (!socket.write(data)) await Promise.race([drained(), finished]);
  };
  await write(
    [
      'POST /documents/upload HTTP/1.1',
      `host: 127.0.0.1:${port}`,
      `authorization: Bearer ${alice.token}`,
      `content-type: multipart/form-data; boundary=${BOUNDARY}`,
      'transfer-encoding: chunked',
      '',
      '',
    ].join('\r\n'),
  );
  const chunk = (data: string | Buffer) =>
    write(Buffer.concat([Buffer.from(`${data.length.toString(16)}\r\n`), Buffer.from(data), Buffer.from('\r\n')]));
  await chunk(prefix);
  let written = prefix.length;
  while (!done && response === '' && written < OFFERED_BYTES) {
    await chunk(CHUNK);
    written += CHUNK.byteLength;
  }
  // A server that drains the body never answers: give it a moment, then give up.
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 2_000))]);
  socket.destroy();
  return { response, written };
};

const filePart = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="big.txt"\r\ncontent-type: text/plain\r\n\r\n`;

describe('a chunked upload over the limit', () => {
  it.each([
    ['a file part that never ends', filePart],
    ['a preamble that never reaches a boundary', 'a preamble, no boundary follows\r\n'],
  ])('is cut off with 413 after about the limit, not read to the end: %s', async (_, prefix) => {
    serverReads.length = 0;
    const { response, written } = await sendEndless(prefix);
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response).toMatch(/connection: close/i);
    expect(response).toContain('"code":"payload_too_large"');
    expect(written).toBeLessThan(OFFERED_BYTES);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Limit + multipart overhead + a few socket reads in flight when the cap trips.
    expect(Math.max(...serverReads)).toBeLessThan(MAX_UPLOAD_BYTES + 1024 * 1024);
  });
});
