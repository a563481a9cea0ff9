import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../test-support/expect-error.ts';
import { createInMemoryDocent } from '../test-support/in-memory-docent.ts';
import { buildApp } from './app.ts';
import { HTML_CONTENT_SECURITY_POLICY } from './security-headers.ts';

const INDEX_HTML =
  '<!doctype html><html><head><script type="module" src="/assets/index-1a2b3c.js"></script></head></html>';
const SCRIPT = 'console.log("docent");';
const STYLE = 'body { margin: 0; }';

let folder: string;
let webRoot: string;
let app: FastifyInstance;
let baseUrl: string;

const startApp = async (root: string, logStream?: Writable): Promise<FastifyInstance> => {
  const logger = logStream === undefined ? false : { level: 'warn', stream: logStream };
  return buildApp(createInMemoryDocent().resolver, { version: 'test', webRoot: root, logger });
};

const get = (pathname: string, init?: RequestInit) => fetch(new URL(pathname, baseUrl), init);

const asApiResponse = async (response: Response) => ({
  status: response.status,
  headers: response.headers,
  body: await response.json(),
});

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'docent-web-'));
  webRoot = path.join(folder, 'dist');
  mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
  writeFileSync(path.join(webRoot, 'index.html'), INDEX_HTML);
  writeFileSync(path.join(webRoot, 'assets', 'index-1a2b3c.js'), SCRIPT);
  writeFileSync(path.join(webRoot, 'assets', 'index-4d5e6f.css'), STYLE);
  writeFileSync(path.join(folder, 'secret.txt'), 'not for the web');
  app = await startApp(webRoot);
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});

afterAll(async () => {
  await app.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('serves index.html as HTML, revalidated on each load, under the page CSP', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toBe(HTML_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('etag')).not.toBeNull();
    expect(await response.text()).toBe(INDEX_HTML);
    expect((await get('/', { method: 'HEAD' })).status).toBe(200);
  });

  it('revalidates with a 304 that carries no policy a browser would merge into the cached page', async () => {
    const etag = (await get('/')).headers.get('etag') ?? '';
    // As a browser revalidates; fetch alone would add `cache-control: no-cache`, which forbids a 304.
    const revalidated = await get('/', { headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers.get('content-security-policy')).toBeNull();
    expect(revalidated.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves a rebuilt index.html at once', async () => {
    const rebuilt = INDEX_HTML.replace('1a2b3c', '7a8b9c');
    writeFileSync(path.join(webRoot, 'index.html'), rebuilt);
    try {
      expect(await (await get('/')).text()).toBe(rebuilt);
    } finally {
      writeFileSync(path.join(webRoot, 'index.html'), INDEX_HTML);
    }
  });

  it('serves hashed assets with their types, cached for a year as immutable', async () => {
    for (const [file, type, body] of [
      ['index-1a2b3c.js', /^(text|application)\/javascript/, SCRIPT],
      ['index-4d5e6f.css', /^text\/css/, STYLE],
    ] as const) {
      const response = await get(`/assets/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers.get('content-type')).toMatch(type);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await response.text()).toBe(body);
    }
  });

  it('answers missing assets with the JSON not_found, and never leaves the assets folder', async () => {
    expectError(await asApiResponse(await get('/assets/missing-000000.js')), 404, 'not_found');
    for (const outside of [
      '/assets/../index.html',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const response = await get(outside);
      expect(response.status, outside).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('not for the web');
    }
  });
});

describe('the API beside the web app', () => {
  it('keeps its JSON answers, headers and 404s', async () => {
    const health = await asApiResponse(await get('/health'));
    expect(health).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(health.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers.get('cache-control')).toBe('no-store');
    expectError(await asApiResponse(await get('/documents')), 401, 'unauthorized');
    for (const unknown of ['/nowhere', '/api/documents', '/index.html', '/documents/x/y/z']) {
      const response = await asApiResponse(await get(unknown));
      expectError(response, 404, 'not_found');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    }
  });

  it('keeps the docs page under its own CSP, and the web routes out of the OpenAPI document', async () => {
    const docs = await get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
    expect(docs.headers.get('content-security-policy')).toContain('validator.swagger.io');
    const spec = (await (await get('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths).filter((p) => p === '/' || p.startsWith('/assets'))).toEqual([]);
  });
});

describe('a web folder without index.html', () => {
  it('is skipped with a warning, leaving / a JSON 404', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const empty = mkdtempSync(path.join(tmpdir(), 'docent-web-empty-'));
    const bare = await startApp(empty, logStream);
    try {
      const response = await bare.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect(lines).toContainEqual(expect.objectContaining({ level: 40, webRoot: empty }));
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
