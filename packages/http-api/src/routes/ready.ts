import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyPluginAsync } from 'fastify';
import type { ReadinessProbe } from '../observability/readiness-probe.ts';
import { errorResponses } from '../schemas/error.ts';
import { readinessResponses } from '../schemas/observability.ts';

/** Options of the readiness route. */
export interface ReadyRouteOptions {
  probes: readonly ReadinessProbe[];
  probeTimeoutMs: number;
}

/** What one probe came to. */
interface CheckResult {
  name: string;
  ok: boolean;
  durationMs: number;
  error?: string;
}

/** Probe messages are ours, but a driver's text could be long: the report stays short. */
const MAX_ERROR_CHARS = 200;

const runProbe = async (probe: ReadinessProbe, timeoutMs: number): Promise<CheckResult> => {
  const started = performance.now();
  const timeout = new AbortController();
  const timedOut = sleep(timeoutMs, undefined, { signal: timeout.signal, ref: false }).then(() => {
    throw new Error(`no answer within ${timeoutMs} ms`);
  });
  try {
    await Promise.race([probe.check(), timedOut]);
    return { name: probe.name, ok: true, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      name: probe.name,
      ok: false,
      durationMs: Math.round(performance.now() - started),
      error: message.slice(0, MAX_ERROR_CHARS),
    };
  } finally {
    timeout.abort();
    // The aborted timer rejects with AbortError; nobody awaits it any more.
    timedOut.catch(() => undefined);
  }
};

/**
 * `GET /ready`: runs every probe at once (each bounded by the timeout) and answers 200 when all
 * pass, 503 with the failing checks otherwise, so a load balancer stops sending traffic to an
 * instance whose store, model or worker is gone. `/health` stays the cheap liveness check.
 */
export const readyRoutes: FastifyPluginAsync<ReadyRouteOptions> = async (app, { probes, probeTimeoutMs }) => {
  app.get(
    '/ready',
    {
      schema: {
        tags: ['meta'],
        summary: 'Readiness: store writable, embedder loaded, worker alive',
        response: { ...errorResponses(), ...readinessResponses },
      },
    },
    async (_request, reply) => {
      const checks = await Promise.all(probes.map((probe) => runProbe(probe, probeTimeoutMs)));
      const ready = checks.every((check) => check.ok);
      if (!ready) reply.log.warn({ failing: checks.filter((c) => !c.ok) }, 'not ready');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unready', checks });
    },
  );
};
