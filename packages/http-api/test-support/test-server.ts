import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { HttpObservability } from '../src/observability/http-observability.ts';
import { type ApiClient, createApiClient } from './api-client.ts';
import { createInMemoryDocent, type InMemoryDocent, type InMemoryDocentOptions } from './in-memory-docent.ts';

/** A running app on 127.0.0.1 over the in-memory Docent, and a client for it. */
export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  docent: InMemoryDocent;
  api: ApiClient;
  close(): Promise<void>;
}

/** Options of `startTestServer`; `maxUploadBytes` applies to both the HTTP limit and the domain's. */
export interface TestServerOptions extends InMemoryDocentOptions {
  serveDocs?: boolean;
  observability?: HttpObservability;
}

/** Starts the real app on an ephemeral port; call `close` when done. */
export const startTestServer = async (options: TestServerOptions = {}): Promise<TestServer> => {
  const docent = createInMemoryDocent(options);
  const app = await buildApp(docent.resolver, {
    version: '0.0.0-test',
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    ...(options.serveDocs === undefined ? {} : { serveDocs: options.serveDocs }),
    ...(options.observability === undefined ? {} : { observability: options.observability }),
  });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  const close = async (): Promise<void> => {
    const closing = app.close();
    // fetch may open a spare keep-alive connection after an aborted request; Node counts a
    // connection that never sent a request as busy, and would keep the server open for it.
    app.server.closeAllConnections();
    await closing;
  };
  return { baseUrl, app, docent, api: createApiClient(baseUrl), close };
};
