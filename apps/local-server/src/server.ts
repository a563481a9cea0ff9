import { type Resolver, TOKENS } from '@docent/domain';
import { buildApp } from '@docent/http-api';
import type { FastifyInstance } from 'fastify';
import type { LocalConfig } from './config.ts';
import { composeLocal } from './container.ts';
import { JobWorker } from './job-worker.ts';
import { VERSION } from './version.ts';

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
    const app = await buildApp(composition.container, {
      version: VERSION,
      maxUploadBytes: config.maxUploadBytes,
      serveDocs: config.apiDocs,
      ...(config.webDir === undefined ? {} : { webRoot: config.webDir }),
      logger: { level: config.logLevel },
    });
    if (requeued > 0) app.log.warn({ requeued }, 'resuming jobs interrupted by the last shutdown');
    const worker = new JobWorker(container.get(TOKENS.JobRunner), {
      pollMs: config.jobPollMs,
      concurrency: config.processingConcurrency,
      onError: (error) => app.log.error({ err: error }, 'job worker error'),
    });
    const address = await app.listen({ port: config.port, host: config.host });
    worker.start();
    return {
      app,
      url: address,
      async close() {
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
