import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { type LocalServer, startLocalServer } from '../src/server.ts';
import { ApiClient } from './support/api-client.ts';
import { type GatedEmbeddingServer, startGatedEmbeddingServer } from './support/gated-embedding-server.ts';

/** Distinct sentences, so chunks and sentence windows are real ones: about 100 characters each. */
const sentences = (count: number, topic: string): string =>
  Array.from(
    { length: count },
    (_, i) => `Sentence ${i} about ${topic} explains option ${i % 97} and why it matters for case ${i}.`,
  ).join(' ');

// The local server as `docent serve` composes it, with the default of two processing loops and an
// embedder whose answers the test releases one at a time, so "still processing" is a fact, not a race.
describe('fair processing on the local server', () => {
  let dataDir: string;
  let gate: GatedEmbeddingServer;
  let server: LocalServer;

  beforeAll(async () => {
    gate = await startGatedEmbeddingServer();
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-fair-'));
    const config = loadConfig(
      {
        ...gate.env,
        PORT: '0',
        DOCENT_LOG_LEVEL: 'silent',
        DOCENT_API_DOCS: 'false',
        DOCENT_WEB: 'false',
        DOCENT_JOB_POLL_MS: '20',
        DOCENT_MAX_CHUNKS_PER_DOCUMENT: '1000',
      },
      dataDir,
    );
    server = await startLocalServer(config);
  });

  afterAll(async () => {
    gate?.release();
    await server?.close();
    await gate?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const uploadText = async (api: ApiClient, name: string, text: string): Promise<string> => {
    const file = path.join(dataDir, name);
    await writeFile(file, text);
    const { status, json } = await api.upload(file);
    expect(status).toBe(202);
    return json.document.id;
  };

  const documentOf = async (api: ApiClient, id: string) => (await api.request('GET', `/documents/${id}`)).json.document;

  it("makes another user's small document ready while a big one is still embedding", async () => {
    const [ann, bob] = [new ApiClient(server.url), new ApiClient(server.url)];
    await ann.signIn('ann@example.com', 'Ann-12345678');
    await bob.signIn('bob@example.com', 'Bob-12345678');
    gate.hold();
    const big = await uploadText(ann, 'big.txt', sentences(3000, 'compression'));
    await gate.holding();
    const small = await uploadText(bob, 'small.txt', 'A tiny note of Bob about tmux sessions.');

    // Answer the oldest waiting embedding request, one at a time, until Bob's note is ready.
    let bobs = await documentOf(bob, small);
    for (let releases = 0; bobs.status !== 'ready' && releases < 400; releases++) {
      gate.releaseOne();
      await new Promise((resolve) => setTimeout(resolve, 20));
      bobs = await documentOf(bob, small);
    }
    expect(bobs.status).toBe('ready');
    const anns = await documentOf(ann, big);
    expect(anns).toMatchObject({ status: 'processing', progress: { stage: 'embedding' } });
    expect(anns.progress.done).toBeLessThan(anns.progress.total);

    gate.release();
    const [finished] = await ann.waitForProcessing(60_000);
    expect(finished).toMatchObject({ id: big, status: 'ready' });
  }, 90_000);

  it('answers from a document still embedding, by keyword, with a citation', async () => {
    const dana = new ApiClient(server.url);
    await dana.signIn('dana@example.com', 'Dana-12345678');
    // Passage batches are held (one document then stays in its embedding stage); the question's own
    // embedding, a request of one text, is answered.
    gate.hold((input) => input.length === 1);
    const manual = `${sentences(400, 'archives')} The zorblat flag keeps sparse files sparse when extracting.`;
    const id = await uploadText(dana, 'archiver.txt', manual);
    await gate.holding();
    let document = await documentOf(dana, id);
    for (let polls = 0; document.searchable !== true && polls < 200; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      document = await documentOf(dana, id);
    }
    expect(document).toMatchObject({ status: 'processing', searchable: true, progress: { stage: 'embedding' } });

    const asked = await dana.request('POST', '/query/ask', { question: 'What does the zorblat flag do?' });
    expect(asked.status).toBe(200);
    expect(asked.json.abstained).toBe(false);
    expect(await documentOf(dana, id)).toMatchObject({ status: 'processing' });
    // The citation opens: the text its offsets index is there while the vectors are computed.
    const cited = asked.json.citations.find((c: any) => c.documentId === id && c.quote.includes('zorblat'));
    const text = await dana.request('GET', `/documents/${id}/text`);
    expect(text.status).toBe(200);
    expect(text.json.text.slice(cited.charStart, cited.charEnd)).toBe(cited.quote);

    gate.release();
    const [finished] = await dana.waitForProcessing(60_000);
    expect(finished).toMatchObject({ id, status: 'ready', searchable: true });
  }, 90_000);

  it('makes every document of a batch searchable while none of them has its vectors yet', async () => {
    const erin = new ApiClient(server.url);
    await erin.signIn('erin@example.com', 'Erin-12345678');
    // Passage batches are held: no document can become ready, and before the embedding lane had
    // its own loops the third file waited behind the two embedding ones, unsearchable.
    gate.hold((input) => input.length === 1);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(await uploadText(erin, `batch-${i}.txt`, `${sentences(40, `topic${i}`)} The marker word is qux${i}.`));
    }
    let documents = await Promise.all(ids.map((id) => documentOf(erin, id)));
    for (let polls = 0; documents.some((d) => d.searchable !== true) && polls < 500; polls++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      documents = await Promise.all(ids.map((id) => documentOf(erin, id)));
    }
    for (const document of documents) {
      expect(document).toMatchObject({ status: 'processing', searchable: true, progress: { stage: 'embedding' } });
    }
    const asked = await erin.request('POST', '/query/ask', { question: 'Which marker word is qux5?' });
    expect(asked.json.citations.some((c: any) => c.documentId === ids[5])).toBe(true);

    gate.release();
    const finished = await erin.waitForProcessing(60_000);
    expect(finished.map((d) => d.status)).toEqual(ids.map(() => 'ready'));
  }, 90_000);

  it('fails a document with more chunks than the configured cap as too_large, without embedding it', async () => {
    const carl = new ApiClient(server.url);
    await carl.signIn('carl@example.com', 'Carl-12345678');
    // Embedding requests are held: had processing reached the embedder, it would never finish.
    gate.hold();
    const huge = await uploadText(carl, 'huge.txt', sentences(12_000, 'archives'));
    const [failed] = await carl.waitForProcessing(60_000);
    gate.release();
    expect(failed).toMatchObject({ id: huge, status: 'failed', error: { code: 'too_large' } });
    expect(failed.error.message).toMatch(/limit of 1,000/u);
  }, 90_000);
});
