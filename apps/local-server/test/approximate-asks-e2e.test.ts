import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, QA_DEV } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

// Asks answered by the worker pool for an owner large enough for the approximate index (every
// owner is, at one vector): the workers hand the vector search to the server's approximate index.
describe('asks through the worker pool with the approximate vector index', () => {
  let dataDir: string;
  let server: ServerProcess;
  let api: ApiClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-ann-asks-'));
    server = await startServer(dataDir, {
      DOCENT_EMBEDDER: 'hashing',
      DOCENT_ANN_MIN_VECTORS: '1',
      DOCENT_ASK_WORKERS: '2',
    });
    api = new ApiClient(server.url);
    await api.signIn('large@example.com', 'Large12345');
    for (const name of ['Artistic.txt', 'CC0-1.0.txt']) await api.upload(path.join(QA_DEV, 'docs', name));
    await api.waitForProcessing(120_000);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers from the right document, and the index is kept beside the database', async () => {
    const { status, json } = await api.request('POST', '/query/ask', {
      question: 'May I charge a reasonable copying fee for distributing the Package?',
    });
    expect(status).toBe(200);
    expect(json.sources[0].documentName).toBe('Artistic.txt');
    await server.stop();
    expect((await readdir(path.join(dataDir, 'ann'))).length).toBeGreaterThan(0);
  });
});
