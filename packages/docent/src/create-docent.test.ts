import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocent } from './create-docent.ts';
import type { AskEvent, Docent, IngestProgress } from './docent-api.ts';
import type { DocentOptions } from './docent-options.ts';

/** The shared qa-dev corpus beside the checkout (`../shared/qa-dev/docs`). */
const QA_DEV_DOCS = path.resolve(import.meta.dirname, '../../../../shared/qa-dev/docs');
const ARTISTIC = path.join(QA_DEV_DOCS, 'Artistic.txt');
const ZSTD = path.join(QA_DEV_DOCS, 'zstd-README.md');
const FEE_QUESTION = 'Under the Artistic License, am I allowed to charge money when I distribute the package?';
/** The fast embedder, and asks on the test's thread: the ask workers are the example test's (and the pool's own tests'). */
const FAST = { embedder: 'hashing', settings: { DOCENT_ASK_WORKERS: 0, DOCENT_JOB_POLL_MS: 20 } } as const;
const PIPELINE = ['queued', 'extracting', 'chunking', 'indexing', 'embedding', 'done'];

const opened: Docent[] = [];
const folders: string[] = [];
const open = async (options: Parameters<typeof createDocent>[0]): Promise<Docent> => {
  const docent = await createDocent(options);
  opened.push(docent);
  return docent;
};
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'docent-lib-'));
  folders.push(dir);
  return dir;
};

afterEach(async () => {
  await Promise.all(opened.splice(0).map((docent) => docent.close()));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Drops repeated stages: the order in which a document went through the pipeline. */
const stagesOf = (events: IngestProgress[]): string[] =>
  events.map((event) => event.stage).filter((stage, i, all) => stage !== all[i - 1]);

describe('createDocent in memory', () => {
  it('ingests with progress events in pipeline order, then answers with a citation, streaming', async () => {
    const docent = await open({ storage: 'memory', ...FAST });
    const ingestion = docent.ingest(ARTISTIC);
    const events: IngestProgress[] = [];
    for await (const event of ingestion) events.push(event);
    const { document, created } = await ingestion;

    expect([document.status, document.name, created]).toEqual(['ready', 'Artistic.txt', true]);
    expect(stagesOf(events)).toEqual(PIPELINE);
    expect(events.at(-1)).toMatchObject({ documentId: document.id, status: 'ready', stage: 'done' });

    const stream = docent.ask(FEE_QUESTION);
    const seen: AskEvent[] = [];
    for await (const event of stream) seen.push(event);
    const answer = await stream;
    expect(seen.at(-1)).toEqual({ type: 'answer', answer });
    expect(seen.at(-2)).toEqual({ type: 'sources', sources: answer.sources });
    const text = seen.flatMap((event) => (event.type === 'token' ? [event.text] : [])).join('');
    expect(text).toBe(answer.answer);
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((citation) => citation.documentName)).toContain('Artistic.txt');
    expect(answer.citations.map((citation) => citation.quote).join(' ')).toMatch(/reasonable copying fee/);
    expect(await stream.answer).toBe(answer);
  });

  it('acts for a named owner, whose documents the default user never sees', async () => {
    const docent = await open({ storage: 'memory', ...FAST });
    const bob = await docent.users.add('Bob@Example.org');
    await docent.ingest(ARTISTIC, { owner: 'bob@example.org' });

    expect((await docent.users.list()).map((user) => user.email)).toEqual([bob.email, docent.users.default.email]);
    expect((await docent.documents.list({ owner: bob.email })).items.map((doc) => doc.name)).toEqual(['Artistic.txt']);
    expect((await docent.documents.list()).items).toEqual([]);
    expect((await docent.ask(FEE_QUESTION)).citations).toEqual([]);
    await expect(docent.ask(FEE_QUESTION, { owner: 'nobody@example.org' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('cancels an ingestion whose signal aborts: the new document is deleted', async () => {
    const docent = await open({ storage: 'memory', ...FAST });
    const controller = new AbortController();
    const ingestion = docent.ingest(ZSTD, { signal: controller.signal });
    const reason = new Error('changed my mind');
    for await (const _event of ingestion) {
      controller.abort(reason);
      break;
    }
    await expect(ingestion).rejects.toBe(reason);
    expect((await docent.documents.list()).items).toEqual([]);
  });

  it('names every problem of bad options at once', async () => {
    // As plain JavaScript could pass them: the types would refuse most of these.
    const options: unknown = {
      storage: 'sqlite',
      embedder: 'bert',
      settings: { DOCENT_ASK_WORKERS: -1, PORT: 8080, DOCENT_NO_SUCH: 'x', DOCENT_DATA_DIR: '/tmp' },
    };
    const attempt = createDocent(options as DocentOptions);
    await expect(attempt).rejects.toMatchObject({ code: 'validation_failed' });
    const problems: string[] = await attempt.catch((error) => error.details.problems);
    const named = (pattern: RegExp) => problems.some((problem) => pattern.test(problem));
    expect(named(/^embedder:/)).toBe(true);
    expect(named(/^settings\.DOCENT_ASK_WORKERS:/)).toBe(true);
    expect(named(/^settings\.PORT: a setting of the web server/)).toBe(true);
    expect(named(/^settings\.DOCENT_NO_SUCH: unknown setting/)).toBe(true);
    expect(named(/^settings\.DOCENT_DATA_DIR: use the dataDir option/)).toBe(true);
    await expect(createDocent({ embedder: 'hashing' })).rejects.toMatchObject({
      details: { problems: ["dataDir: required with storage 'sqlite' (or pass storage: 'memory')"] },
    });
  });
});

describe('createDocent on a data directory', () => {
  it('ingests and answers, forgets a deleted document, keeps the rest across a reopen, and backs up', async () => {
    const dataDir = await tempDir();
    const docent = await open({ dataDir, ...FAST });
    const [artistic, zstd] = await Promise.all([docent.ingest(ARTISTIC), docent.ingest(ZSTD)]);
    expect([artistic.document.status, zstd.document.status]).toEqual(['ready', 'ready']);
    const cited = await docent.ask(FEE_QUESTION);
    expect(cited.citations.map((citation) => citation.documentId)).toContain(artistic.document.id);
    const found = await docent.search('dictionary compression gains', { topK: 3 });
    expect(found[0]?.documentName).toBe('zstd-README.md');

    await docent.documents.delete(artistic.document.id);
    const after = await docent.ask(FEE_QUESTION);
    expect(after.citations.map((citation) => citation.documentId)).not.toContain(artistic.document.id);
    expect(after.sources.map((source) => source.documentId)).not.toContain(artistic.document.id);
    await expect(docent.documents.get(artistic.document.id)).rejects.toMatchObject({ code: 'document_not_found' });
    expect((await docent.history()).items.map((entry) => entry.question)).toEqual([FEE_QUESTION, FEE_QUESTION]);

    const backup = path.join(await tempDir(), 'backup');
    const { manifest } = await docent.backup(backup);
    expect(manifest.counts.documents).toBe(1);
    expect(await readdir(backup)).toContain('manifest.json');

    await docent.close();
    await docent.close();
    const reopened = await open({ dataDir, ...FAST });
    expect((await reopened.documents.list()).items.map((doc) => doc.name)).toEqual(['zstd-README.md']);
    expect(reopened.users.default).toEqual(docent.users.default);
  });

  it('refuses a second Docent on a data directory that one holds, with the lock’s conflict code', async () => {
    const dataDir = await tempDir();
    const first = await open({ dataDir, ...FAST });
    await expect(createDocent({ dataDir, ...FAST })).rejects.toMatchObject({ code: 'conflict' });
    await first.close();
    await expect(first.documents.list()).rejects.toMatchObject({ code: 'unavailable' });
    await expect(first.ingest(ZSTD)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(first.ask(FEE_QUESTION)).rejects.toMatchObject({ code: 'unavailable' });
    await expect(first.users.list()).rejects.toMatchObject({ code: 'unavailable' });
    await open({ dataDir, ...FAST });
  });
});
