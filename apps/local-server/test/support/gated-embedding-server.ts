import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HashingEmbedder } from '@docent/adapters-inmemory';

/**
 * An OpenAI-compatible embeddings server on 127.0.0.1 answering with the vectors of Docent's own
 * `hashing` embedder (so search behaves exactly as with `DOCENT_EMBEDDER=hashing`), whose answers
 * a test can hold back: with them held, a document stays visibly in its embedding stage.
 */
export interface GatedEmbeddingServer {
  /** The server's environment for `docent serve`. */
  env: Record<string, string>;
  /**
   * Holds every embeddings request from now on until `release()`, except those `passes` lets
   * through (e.g. a question's own embedding, so asking can be tested while passages are held).
   */
  hold(passes?: (input: readonly string[]) => boolean): void;
  /** Resolves once a request is being held. */
  holding(): Promise<void>;
  /** Answers the oldest held request and keeps holding the others and any new ones. */
  releaseOne(): void;
  /** Answers the held requests and stops holding. */
  release(): void;
  close(): Promise<void>;
}

/** Starts the server; it answers at once until `hold()`. */
export const startGatedEmbeddingServer = async (): Promise<GatedEmbeddingServer> => {
  const embedder = new HashingEmbedder();
  let held: (() => void)[] | undefined;
  let passing: (input: readonly string[]) => boolean = () => false;
  let heldOne: () => void = () => {};
  let firstHeld = Promise.resolve();

  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const { input } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { input: string[] };
    if (held && !passing(input)) {
      const queue = held;
      await new Promise<void>((resolve) => {
        queue.push(resolve);
        heldOne();
      });
    }
    const vectors = await embedder.embed(input);
    const data = vectors.map((vector, index) => ({ object: 'embedding', index, embedding: [...vector] }));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data }));
  };
  const server = createServer((request, response) => {
    answer(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: {
      DOCENT_EMBEDDER: 'openai-compatible',
      DOCENT_EMBEDDER_BASE_URL: `http://127.0.0.1:${port}/v1`,
      DOCENT_EMBEDDER_MODEL: 'hashing',
      DOCENT_EMBEDDER_DIMENSIONS: String(embedder.dimensions),
    },
    hold(passes = () => false) {
      held = [];
      passing = passes;
      firstHeld = new Promise((resolve) => {
        heldOne = resolve;
      });
    },
    holding: () => firstHeld,
    releaseOne() {
      held?.shift()?.();
    },
    release() {
      const queue = held ?? [];
      held = undefined;
      for (const resolve of queue) resolve();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};
