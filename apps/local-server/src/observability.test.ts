import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, parsePrometheusText, sampleValue } from '@docent/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { type LocalServer, startLocalServer } from './server.ts';

const PASSWORD = 'Correct-Horse-9';
const EMAIL = 'metrics.reader@example.com';
const FILE_NAME = 'private-cat-notes.txt';
const METRICS_TOKEN = 'scrape-token-0123456789';

// The composition of `docent serve`, observed over HTTP as Prometheus and a load balancer would.
describe('metrics and readiness of the local server', () => {
  let dataDir: string;
  let server: LocalServer;
  let baseUrl: string;
  let token: string;

  const call = async (
    method: string,
    route: string,
    init: { json?: unknown; body?: FormData; bearer?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    if (init.bearer !== undefined) headers.authorization = `Bearer ${init.bearer}`;
    const body = init.json !== undefined ? JSON.stringify(init.json) : init.body;
    const response = await fetch(`${baseUrl}${route}`, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    const json = (response.headers.get('content-type') ?? '').includes('json');
    return { status: response.status, body: (json ? JSON.parse(text) : text) as any };
  };

  const eventually = async <T>(probe: () => Promise<T>, done: (value: T) => boolean): Promise<T> => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const value = await probe();
      if (done(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('condition not reached');
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-observability-'));
    const config = loadConfig(
      {
        PORT: String(await freePort()),
        DOCENT_EMBEDDER: 'hashing',
        DOCENT_LOG_LEVEL: 'silent',
        DOCENT_API_DOCS: 'false',
        DOCENT_WEB: 'false',
        DOCENT_JOB_POLL_MS: '20',
        DOCENT_METRICS_TOKEN: METRICS_TOKEN,
      },
      dataDir,
    );
    server = await startLocalServer(config);
    baseUrl = server.url;
    await call('POST', '/auth/register', { json: { email: EMAIL, password: PASSWORD } });
    token = (await call('POST', '/auth/login', { json: { email: EMAIL, password: PASSWORD } })).body.token;
  });

  afterAll(async () => {
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('is ready once the store, the embedder and the worker answer', async () => {
    const ready = await eventually(
      () => call('GET', '/ready'),
      (response) => response.status === 200,
    );
    expect(ready.body.checks.map((check: { name: string; ok: boolean }) => [check.name, check.ok])).toEqual([
      ['store', true],
      ['embedder', true],
      ['worker', true],
    ]);
  });

  it('counts an upload, its processing stages, questions and abstentions, and never names the user', async () => {
    const form = new FormData();
    form.set('file', new Blob(['Cats sleep for about sixteen hours a day.\n\nThey hunt at dawn and dusk.']), FILE_NAME);
    const uploaded = await call('POST', '/documents/upload', { body: form, bearer: token });
    expect(uploaded.status).toBe(202);
    await eventually(
      () => call('GET', `/documents/${uploaded.body.document.id}`, { bearer: token }),
      (response) => response.body.document?.status === 'ready',
    );
    const asked = await call('POST', '/query/ask', { json: { question: 'How long do cats sleep?' }, bearer: token });
    const missed = await call('POST', '/query/ask', {
      json: { question: 'What is the melting point of tungsten?' },
      bearer: token,
    });
    expect([asked.body.abstained, missed.body.abstained]).toEqual([false, true]);

    expect((await call('GET', '/metrics')).status).toBe(401);
    const scrape = await call('GET', '/metrics', { bearer: METRICS_TOKEN });
    expect(scrape.status).toBe(200);
    const samples = parsePrometheusText(scrape.body);
    expect(sampleValue(samples, 'docent_documents_uploaded_total')).toBe(1);
    expect(sampleValue(samples, 'docent_documents_processed_total')).toBe(1);
    expect(sampleValue(samples, 'docent_documents_failed_total')).toBe(0);
    for (const stage of ['extracting', 'chunking', 'embedding', 'indexing']) {
      expect(sampleValue(samples, 'docent_processing_stage_seconds_count', { stage }), stage).toBe(1);
    }
    // document.process, then document.embed.
    expect(sampleValue(samples, 'docent_jobs_finished_total', { outcome: 'done' })).toBe(2);
    expect(sampleValue(samples, 'docent_questions_total')).toBe(2);
    expect(sampleValue(samples, 'docent_abstentions_total')).toBe(1);
    expect(sampleValue(samples, 'docent_ask_seconds_count')).toBe(2);
    expect(sampleValue(samples, 'docent_embedded_texts_total', { purpose: 'passage' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'docent_embedded_texts_total', { purpose: 'query' })).toBeGreaterThanOrEqual(2);
    const upload = { route: '/documents/upload', method: 'POST', status_class: '2xx' };
    expect(sampleValue(samples, 'docent_http_request_seconds_count', upload)).toBe(1);
    expect(sampleValue(samples, 'docent_http_request_seconds_count', { route: '/documents/:id' })).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    // The one document is done, so nothing waits in the job queue (the gauge is there, at 0).
    expect(samples.filter((s) => s.name === 'docent_queue_depth').map((s) => s.value)).toEqual([0]);
    expect(scrape.body).not.toContain(EMAIL);
    expect(scrape.body).not.toContain(FILE_NAME);
    expect(scrape.body).not.toContain(uploaded.body.document.id);
  });
});
