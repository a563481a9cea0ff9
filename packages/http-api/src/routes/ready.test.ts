import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test-support/test-server.ts';
import type { ReadinessProbe } from '../observability/readiness-probe.ts';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (probes: ReadinessProbe[], probeTimeoutMs?: number) => {
  server = await startTestServer({ observability: { probes, ...(probeTimeoutMs ? { probeTimeoutMs } : {}) } });
  return server.api.request('GET', '/ready');
};

const passing = (name: string): ReadinessProbe => ({ name, check: async () => undefined });

describe('GET /ready', () => {
  it('answers 200 with every check when all probes pass', async () => {
    const response = await start([passing('store'), passing('embedder')]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      status: 'ready',
      checks: [
        { name: 'store', ok: true, durationMs: expect.any(Number) },
        { name: 'embedder', ok: true, durationMs: expect.any(Number) },
      ],
    });
  });

  it('answers 503 naming the failing probe and its reason', async () => {
    const failing: ReadinessProbe = {
      name: 'worker',
      check: async () => {
        throw new Error('no heartbeat for 40 s');
      },
    };
    const response = await start([passing('store'), failing]);
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('unready');
    expect(response.body.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([
      { name: 'worker', ok: false, durationMs: expect.any(Number), error: 'no heartbeat for 40 s' },
    ]);
  });

  it('fails a probe that does not answer within the timeout', async () => {
    const hanging: ReadinessProbe = { name: 'embedder', check: () => new Promise(() => undefined) };
    const response = await start([hanging], 50);
    expect(response.status).toBe(503);
    expect(response.body.checks[0]).toMatchObject({ name: 'embedder', ok: false, error: 'no answer within 50 ms' });
  });

  it('is ready without probes and needs no token', async () => {
    const response = await start([]);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ready', checks: [] });
  });
});
