import { RecordingMetrics } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';
import type { HttpObservability } from '../observability/http-observability.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const EXPOSITION = '# HELP up Up.\n# TYPE up gauge\nup 1\n';
const exposition = {
  scrape: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: EXPOSITION }),
};

const start = async (observability: HttpObservability) => {
  server = await startTestServer({ observability });
  return server;
};

describe('GET /metrics', () => {
  it('serves the exposition as text, unchanged', async () => {
    const { api } = await start({ exposition });
    const response = await api.request('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.body).toBe(EXPOSITION);
  });

  it('requires the bearer token when one is configured', async () => {
    const { api } = await start({ exposition, metricsToken: 's3cret-token' });
    const missing = await api.request('GET', '/metrics');
    expect(missing.status).toBe(401);
    expect(missing.body.error.code).toBe('unauthorized');
    expect((await api.request('GET', '/metrics', { token: 'wrong' })).status).toBe(401);
    const allowed = await api.request('GET', '/metrics', { token: 's3cret-token' });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toBe(EXPOSITION);
  });

  it('is documented in the OpenAPI document as text, behind an optional bearer token', async () => {
    const { api } = await start({ exposition });
    const operation = (await api.request('GET', '/openapi.json')).body.paths['/metrics'].get;
    expect(Object.keys(operation.responses['200'].content)).toEqual(['text/plain']);
    expect(Object.keys(operation.responses)).toContain('401');
  });

  it('does not exist without an exposition', async () => {
    const { api } = await start({});
    expect((await api.request('GET', '/metrics')).status).toBe(404);
  });
});

describe('request latency', () => {
  it('is recorded per route pattern, method and status class, never per concrete path', async () => {
    const metrics = new RecordingMetrics();
    const { api } = await start({ metrics });
    const { token } = await api.signUp();
    await api.request('GET', '/documents/doc-123', { token });
    await api.request('GET', '/no/such/path/user-42');
    const latencies = metrics.of('httpRequestSeconds');
    expect(latencies.map((call) => call.labels)).toEqual(
      expect.arrayContaining([
        { route: '/auth/register', method: 'POST', status_class: '2xx' },
        { route: '/documents/:id', method: 'GET', status_class: '4xx' },
        { route: 'unmatched', method: 'GET', status_class: '4xx' },
      ]),
    );
    expect(JSON.stringify(latencies)).not.toMatch(/doc-123|user-42/);
    for (const call of latencies) expect(call.value).toBeGreaterThanOrEqual(0);
  });
});
