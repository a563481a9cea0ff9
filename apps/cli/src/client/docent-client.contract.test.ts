import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDocentError } from '@docent/domain';
import { type LocalServer, loadConfig, startLocalServer } from '@docent/local-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchProcessing } from '../commands/watch-processing.ts';
import { SilentView } from '../output/progress-view.ts';
import type { DocentClient } from './docent-client.ts';
import { EmbeddedClient } from './embedded-client.ts';
import { HttpClient } from './http-client.ts';

const QA_DEV_DOCS = path.resolve(import.meta.dirname, '../../../../../shared/qa-dev/docs');
const config = (dataDir: string) =>
  loadConfig(
    {
      DOCENT_EMBEDDER: 'hashing',
      DOCENT_DATA_DIR: dataDir,
      DOCENT_WEB: 'false',
      PORT: '0',
      DOCENT_LOG_LEVEL: 'silent',
    },
    dataDir,
  );

/** A client on a fresh data dir, and how to dispose of it and its folder. */
interface Harness {
  client: DocentClient;
  dispose(): Promise<void>;
}

const embedded = async (dataDir: string): Promise<Harness> => {
  const client = await EmbeddedClient.open(config(dataDir));
  return { client, dispose: () => client.close() };
};

/** A real server in this process, over real HTTP, with a signed-in user's token. */
const overHttp = async (dataDir: string): Promise<Harness> => {
  const server: LocalServer = await startLocalServer(config(dataDir));
  const credentials = JSON.stringify({ email: 'ann@example.org', password: 'Correct-horse-9' });
  const post = (route: string) =>
    fetch(new URL(route, server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: credentials,
    });
  await post('/auth/register');
  const { token } = (await (await post('/auth/login')).json()) as { token: string };
  return { client: new HttpClient(server.url, token), dispose: () => server.close() };
};

// Both implementations of the CLI's one client interface answer alike, so each command is written once.
describe.each([
  ['EmbeddedClient', embedded],
  ['HttpClient', overHttp],
])('%s', (_name, open) => {
  let dataDir: string;
  let harness: Harness;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-client-'));
    harness = await open(path.join(dataDir, 'data'));
  }, 60_000);
  afterAll(async () => {
    await harness?.dispose();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('uploads (deduplicated by content), processes, lists, shows, answers and deletes', async () => {
    const { client } = harness;
    const bytes = new Uint8Array(await readFile(path.join(QA_DEV_DOCS, 'Artistic.txt')));
    const first = await client.upload({ name: 'Artistic.txt', bytes });
    expect(first.created).toBe(true);
    expect((await client.upload({ name: 'copy.txt', bytes })).document.id).toBe(first.document.id);

    const final = await watchProcessing(client, new Map([['a', first.document]]), new SilentView());
    expect(final.get('a')).toMatchObject({ id: first.document.id, status: 'ready', chunkCount: expect.any(Number) });
    expect((await client.listDocuments()).map((d) => d.name)).toEqual(['Artistic.txt']);
    expect((await client.getDocumentText(first.document.id)).text).toContain('The "Artistic License"');

    const answer = await client.ask({ question: 'May I charge a fee for support of this Package?', topK: 3 });
    expect(answer.sources.length).toBeLessThanOrEqual(3);
    expect(answer.citations.map((c) => c.quote).join(' ')).toContain('You may charge any fee you choose for support');
    // Search is the same retrieval without the reader: exactly the answer's sources.
    const results = await client.search({ query: 'May I charge a fee for support of this Package?', topK: 3 });
    expect(results).toEqual(answer.sources);

    await client.deleteDocument(first.document.id);
    const gone = await client.getDocument(first.document.id).catch((error: unknown) => error);
    expect(isDocentError(gone) && gone.code).toBe('document_not_found');
    expect(await client.listDocuments()).toEqual([]);
  }, 60_000);
});
