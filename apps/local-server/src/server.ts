import { type Resolver, TOKENS } from '@docent/domain';
import { buildApp } from '@docent/http-api';
import type { FastifyInstance } from 'fastify';
import type { LocalConfig } from './config.ts';
import { composeLocal } from './container.ts';
import { JobWorker } from './job-worker.ts';
import { processingLanes } from './processing-lanes.ts';
import { VERSION } from './version.ts';
import { WorkerHeartbeat } from './worker-heartbeat.ts';

/** Hosts that only this machine reaches: `/metrics` without a token is fine there. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** A running local server. */
export interface LocalServer {
  app: FastifyInstance;
  url: string;
  /** Stops taking requests, lets the running jobs finish (bounded), closes the store. */
  close(): Promise<void>;
}

/**
 * Starts Docent on its embedded defaults: composes, requeues jobs a crash left running, listens,
 * and starts the background worker.
 */
export const startLocalServer = async (config: LocalConfig): Promise<LocalServer> => {
  const composition = composeLocal(config);
  const container: Resolver = composition.container;
  try {
    const requeued = await container.get(TOKENS.JobQueue).requeueRunning();
    const heartbeat = new WorkerHeartbeat();
    const { metricsToken, workerStallMs } = config.observability;
    const app = await buildApp(composition.container, {
      version: VERSION,
      maxUploadBytes: config.maxUploadBytes,
      serveDocs: config.apiDocs,
      ...(config.webDir === undefined ? {} : { webRoot: config.webDir }),
      logger: { level: config.logLevel },
      observability: {
        ...(composition.metrics === undefined ? {} : { metrics: composition.metrics, exposition: composition.metrics }),
        ...(metricsToken === undefined ? {} : { metricsToken }),
        probes: [...composition.probes, heartbeat.probe(workerStallMs)],
      },
    });
    if (composition.metrics !== undefined && metricsToken === undefined && !LOOPBACK_HOSTS.has(config.host)) {
      app.log.warn(
        { host: config.host },
        '/metrics is served without a token beyond this machine (DOCENT_METRICS_TOKEN)',
      );
    }
    if (requeued > 0) app.log.warn({ requeued }, 'resuming jobs interrupted by the last shutdown');
    const workerLog = app.log.child({ component: 'job-worker' });
    const worker = new JobWorker(heartbeat.wrap(container.get(TOKENS.JobRunner)), {
      pollMs: config.jobPollMs,
      lanes: processingLanes(config),
      onError: (error) => workerLog.error({ err: error }, 'job worker error'),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    // In the background: listening and the first requests never wait for the models, and a model that
    // cannot load is reported, not fatal (embedding tries again; `GET /ready` fails meanwhile). A
    // close during the load stops it: nothing to report then.
    let closing = false;
    composition.preload().catch((error: unknown) => {
      if (!closing)
        app.log.error({ err: error }, 'the embedding model or the extraction workers did not load at start-up');
    });
    worker.start();
    return {
      app,
      url: address,
      async close() {
        closing = true;
        await app.close();
        await worker.stop();
        await composition.close();
      },
    };
  } catch (error) {
    await composition.close();
    throw error;
  }
};
