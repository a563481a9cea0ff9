import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient, QA_DEV } from './support/api-client.ts';
import { type ServerProcess, startServer } from './support/server-process.ts';

// A server killed with SIGKILL in the middle of embedding a large document must, once restarted on
// the same data dir, resume that work and finish it: no document stays `processing` forever.
describe('crash in the middle of processing', () => {
  let dataDir: string;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('resumes the interrupted job after a restart and reaches ready', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-crash-'));
    server = await startServer(dataDir);
    const api = new ApiClient(server.url);
    await api.signIn('crash@example.com', 'Crash12345');
    const { json } = await api.upload(path.join(QA_DEV, 'docs', 'curl.1.txt'));
    const id = json.document.id;

    let seen: any;
    const deadline = Date.now() + 120_000;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = (await api.request('GET', `/documents/${id}`)).json.document;
    } while (
      !(seen.status === 'processing' && seen.progress.stage === 'embedding' && seen.progress.done > 0) &&
      Date.now() < deadline
    );
    expect(seen.status).toBe('processing');
    expect(seen.progress.done).toBeLessThan(seen.progress.total);

    await server.kill();
    server = await startServer(dataDir);
    const resumed = new ApiClient(server.url, api.token);
    const [document] = await resumed.waitForProcessing(180_000);
    expect(document.status).toBe('ready');
    expect(document.chunkCount).toBe(seen.progress.total);
    const ask = await resumed.request('POST', '/query/ask', {
      question: 'How do I set a maximum time for the whole transfer?',
    });
    expect(ask.json.sources.length).toBeGreaterThan(0);
    expect(server.output()).toMatch(/resuming jobs interrupted/);
  }, 360_000);
});
