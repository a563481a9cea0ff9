import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DocentError } from '@docent/domain';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDING_THREAD_NAME, MAX_MERGED_QUERY_TEXTS } from './embedding-worker-pool.ts';
import { UseLiteEmbedder } from './use-lite-embedder.ts';

const SCRIPTED_WORKER = new URL('../../test-support/scripted-embedding-worker.ts', import.meta.url);

describe('UseLiteEmbedder worker pool (scripted workers)', () => {
  let dir: string;
  let embedder: UseLiteEmbedder;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'docent-pool-'));
    embedder = new UseLiteEmbedder({ workers: 2, batchSize: 1, workerUrl: SCRIPTED_WORKER });
  });
  afterEach(async () => {
    await embedder.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('returns vectors in input order when later batches finish first', async () => {
    // Two workers: the slow first batches finish after the quick ones that follow them.
    const texts = ['sleep:120|0', 'sleep:60|1', '2', '3', 'sleep:40|4', '5', '6'];
    const vectors = await embedder.embed(texts);
    expect(vectors.map((v) => v[0])).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('runs batches of one call on both workers at once', async () => {
    const log = path.join(dir, 'log');
    // The first batch logs after a long sleep: on one worker the second batch would wait for it (the
    // second text is the longer one, so that batching by length keeps it second).
    const vectors = await embedder.embed([`sleep:1000|log:${log}|1`, `log:${log}|pad:${'x'.repeat(40)}|2`]);
    expect(vectors.map((v) => v[0])).toEqual([1, 2]);
    expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['2', '1']);
  });

  it('starts every worker at preload, before any call', async () => {
    const threads = () =>
      readdirSync('/proc/self/task').filter(
        (tid) => readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').trim() === EMBEDDING_THREAD_NAME,
      ).length;
    const before = threads();
    await embedder.preload();
    expect(threads() - before).toBe(2);
    await expect(embedder.embed(['4', '5'])).resolves.toHaveLength(2);
    expect(threads() - before).toBe(2);
  });

  it('has every worker embed the warm-up texts once at preload', async () => {
    const log = path.join(dir, 'log');
    const warmed = new UseLiteEmbedder({
      workers: 2,
      workerUrl: SCRIPTED_WORKER,
      warmUpTexts: [`log-request:${log}|a`, `log-request:${log}|b`],
    });
    try {
      await warmed.preload();
      // One request of both texts per worker, so each worker has run a batch before the first call.
      expect((await readFile(log, 'utf8')).trim().split('\n').sort()).toEqual(['a/2', 'a/2', 'b/2', 'b/2']);
      await warmed.embed(['7']);
      expect((await readFile(log, 'utf8')).trim().split('\n')).toHaveLength(4);
    } finally {
      await warmed.close();
    }
  });

  it('restarts a crashed worker and runs its batch again', async () => {
    const marker = path.join(dir, 'crashed');
    const vectors = await embedder.embed(['1', `crash-once:${marker}|2`, '3']);
    expect(existsSync(marker)).toBe(true);
    expect(vectors.map((v) => v[0])).toEqual([1, 2, 3]);
  });

  it('fails a batch that crashes its worker twice with a retryable embedding_failed, then keeps working', async () => {
    const failure = await embedder.embed(['1', 'crash', '3']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocentError);
    expect(failure).toMatchObject({ code: 'embedding_failed', retryable: true });
    await expect(embedder.embed(['7', '8'])).resolves.toHaveLength(2);
  });

  it('stops taking a call’s pending batches once its signal aborts', async () => {
    const log = path.join(dir, 'log');
    const controller = new AbortController();
    const texts = Array.from({ length: 10 }, (_, i) => `log:${log}|sleep:50|${i}`);
    const document = embedder.embed(texts, { signal: controller.signal });
    const reason = new Error('document deleted');
    setTimeout(() => controller.abort(reason), 60);
    await expect(document).rejects.toBe(reason);
    // Whatever ran meanwhile has finished once a later call (queued behind it) is answered.
    await embedder.embed(['sleep:60|42', 'sleep:60|43']);
    const taken = (await readFile(log, 'utf8')).trim().split('\n');
    expect(taken.length).toBeLessThan(texts.length);
    expect(taken.length).toBeGreaterThan(0);
  });

  it('batches texts of similar token count together, fewest tokens first', async () => {
    const log = path.join(dir, 'log');
    const single = new UseLiteEmbedder({ workers: 1, batchSize: 2, workerUrl: SCRIPTED_WORKER });
    try {
      // Word counts, all under the 128 tokens the model reads (longer texts would count alike).
      const texts = [60, 5, 45, 10].map((words, i) => `log:${log}|pad:${'the '.repeat(words)}|${i}`);
      const vectors = await single.embed(texts);
      expect(vectors.map((v) => v[0])).toEqual([0, 1, 2, 3]);
      expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['1', '3', '2', '0']);
    } finally {
      await single.close();
    }
  });

  it('answers a query before passage batches queued earlier', async () => {
    const log = path.join(dir, 'log');
    const single = new UseLiteEmbedder({ workers: 1, batchSize: 1, workerUrl: SCRIPTED_WORKER });
    try {
      const running = single.embed([`log:${log}|sleep:100|1`]);
      const other = single.embed([`log:${log}|2`]);
      await single.embed([`log:${log}|3`], { purpose: 'query' });
      await Promise.all([running, other]);
      expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['1', '3', '2']);
    } finally {
      await single.close();
    }
  });

  describe('queries waiting together', () => {
    let single: UseLiteEmbedder;
    beforeEach(() => {
      single = new UseLiteEmbedder({ workers: 1, batchSize: 1, workerUrl: SCRIPTED_WORKER });
    });
    afterEach(() => single.close());
    const query = (text: string, signal?: AbortSignal, on = single) => on.embed([text], { purpose: 'query', signal });

    it('go to the worker as one request, each caller getting its own vector', async () => {
      const log = path.join(dir, 'log');
      const running = single.embed([`log-request:${log}|sleep:80|1`]);
      const count = MAX_MERGED_QUERY_TEXTS + 3;
      const labels = Array.from({ length: count }, (_, i) => 10 + i);
      const vectors = await Promise.all(labels.map((label) => query(`log-request:${log}|${label}`)));
      await running;
      expect(vectors.map(([vector]) => vector?.[0])).toEqual(labels);
      // The passage ran alone; the queries that waited behind it went in two requests, the first full.
      expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual([
        '1/1',
        ...labels.map((label, i) => `${label}/${i < MAX_MERGED_QUERY_TEXTS ? MAX_MERGED_QUERY_TEXTS : 3}`),
      ]);
    });

    it('are not merged with passage batches, and a lone query is sent at once', async () => {
      const log = path.join(dir, 'log');
      await query(`log-request:${log}|1`);
      const running = single.embed([`log-request:${log}|sleep:50|2`]);
      const passage = single.embed([`log-request:${log}|3`]);
      const queries = [query(`log-request:${log}|4`), query(`log-request:${log}|5`)];
      await Promise.all([running, passage, ...queries]);
      expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['1/1', '2/1', '4/2', '5/2', '3/1']);
    });

    it('answer the others when one caller aborts while their request runs', async () => {
      const running = single.embed(['sleep:50|1']);
      const controller = new AbortController();
      const reason = new Error('client left');
      const kept = query('sleep:100|2');
      const aborted = query('3', controller.signal);
      setTimeout(() => controller.abort(reason), 90);
      await expect(aborted).rejects.toBe(reason);
      await expect(kept).resolves.toEqual([expect.objectContaining({ 0: 2 })]);
      await running;
    });

    it('are run again together on a fresh worker when theirs crashes', async () => {
      const marker = path.join(dir, 'crashed');
      const running = single.embed(['sleep:50|1']);
      const vectors = await Promise.all([query('2'), query(`crash-once:${marker}|3`), query('4')]);
      await running;
      expect(existsSync(marker)).toBe(true);
      expect(vectors.map(([vector]) => vector?.[0])).toEqual([2, 3, 4]);
    });

    it('wait for the worker running queries, while another worker takes passage batches', async () => {
      const log = path.join(dir, 'log');
      // Both workers started first (one batch each), so that start-up times do not order the log.
      await embedder.embed(['sleep:50|0', 'sleep:50|0']);
      const running = query(`log-request:${log}|sleep:150|1`, undefined, embedder);
      await new Promise((resolve) => setTimeout(resolve, 30));
      const waiting = [
        query(`log-request:${log}|2`, undefined, embedder),
        query(`log-request:${log}|3`, undefined, embedder),
      ];
      const passage = embedder.embed([`log-request:${log}|4`]);
      await Promise.all([running, passage, ...waiting]);
      // The passage ran at once on the idle worker; the queries ran together after the first one.
      expect((await readFile(log, 'utf8')).trim().split('\n')).toEqual(['1/1', '4/1', '2/2', '3/2']);
    });
  });
});

describe('stopping a worker inside onnxruntime-node', () => {
  const FIXTURE = path.join(import.meta.dirname, '../../test-support/stop-during-native.ts');

  it.each(['close', 'exit'])('ends the process cleanly on %s', async (how) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'docent-stop-'));
    try {
      const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = execFile(process.execPath, [FIXTURE, how, dir], (_error, _stdout, stderr) =>
          resolve({ code: child.exitCode, stderr }),
        );
      });
      expect(stderr).not.toContain('terminate called');
      expect(code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
