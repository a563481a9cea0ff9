import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test server received, body parsed as JSON when it is JSON. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** A scripted answer: `hang` never answers (until the server closes), `drop` closes the connection. */
export type ScriptedReply =
  | 'hang'
  | 'drop'
  | { status: number; headers?: Record<string, string>; body: string | object; delayMs?: number };

/** A real HTTP server on 127.0.0.1 speaking the OpenAI embeddings protocol, for tests. */
export interface EmbeddingTestServer {
  /** `http://127.0.0.1:{port}/v1`. */
  baseUrl: string;
  /** Every request so far, in arrival order. */
  requests: ReceivedRequest[];
  /** Answers used, one per request, before falling back to computed embeddings. */
  script: ScriptedReply[];
  /** Stops listening and drops open connections; closing twice is harmless. */
  close(): Promise<void>;
}

/**
 * Starts the server. Unscripted `POST /v1/embeddings` requests get deterministic, unnormalised vectors
 * ({@link textVector} times 3) listed in reverse index order, so clients must sort and normalise.
 */
export const startEmbeddingTestServer = async (dimensions: number): Promise<EmbeddingTestServer> => {
  const requests: ReceivedRequest[] = [];
  const script: ScriptedReply[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Kept as text: the test may want to see what was sent.
    }
    requests.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body });
    const reply = script.shift() ?? computedReply(request.method, request.url, body, dimensions);
    if (reply === 'hang') return;
    if (reply === 'drop') {
      request.socket.destroy();
      return;
    }
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (response.destroyed) return;
    const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    close: () => {
      // Idempotent, so a test may close early to make the server unreachable.
      if (!server.listening) return Promise.resolve();
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};

const computedReply = (method: unknown, path: unknown, body: unknown, dimensions: number): ScriptedReply => {
  const input = (body as { input?: unknown } | null)?.input;
  if (method !== 'POST' || path !== '/v1/embeddings') return { status: 404, body: { error: 'not found' } };
  if (!Array.isArray(input) || !input.every((text) => typeof text === 'string')) {
    return { status: 400, body: { error: { message: 'input must be an array of strings' } } };
  }
  const data = input.map((text, index) => ({
    object: 'embedding',
    index,
    embedding: Array.from(textVector(text, dimensions), (value) => value * 3),
  }));
  return { status: 200, body: { object: 'list', data: data.reverse(), model: 'test' } };
};

/**
 * Deterministic bag-of-character-trigrams vector (signed feature hashing, never all zeros): texts that
 * share spelling point the same way, so it behaves like a (very) small embedding model.
 */
export const textVector = (text: string, dimensions: number): Float32Array => {
  const vector = new Float32Array(dimensions);
  const padded = `  ${text.toLowerCase()} `;
  vector[0] = 0.01;
  for (let i = 0; i + 3 <= padded.length; i++) {
    let hash = 0x811c9dc5;
    for (let j = i; j < i + 3; j++) hash = Math.imul(hash ^ padded.charCodeAt(j), 0x01000193);
    const bucket = (hash >>> 0) % dimensions;
    vector[bucket] = (vector[bucket] ?? 0) + (hash < 0 ? -1 : 1);
  }
  return vector;
};
