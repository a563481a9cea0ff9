/**
 * The ingested QA store the ask and cost parts share: the real server on a fresh data dir with the
 * caller's DOCENT_* settings, the QA set's documents uploaded by one user and processed. It can be
 * restarted on the same data dir with other settings (the cost part points it at a model).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, loadQuestions, type QaQuestion } from '../../apps/local-server/test/support/api-client.ts';
import { type ServerProcess, startServer } from '../../apps/local-server/test/support/server-process.ts';
import { serverEnv } from './bench-support.ts';
import { type QaIngestRun, uploadQaSet } from './qa-upload.ts';

/** A running server with the QA set ingested. */
export interface QaStore {
  /** The server now running. */
  readonly server: ServerProcess;
  /** The user's bearer token (sessions survive restarts). */
  readonly token: string;
  readonly questions: readonly QaQuestion[];
  /** How the ingest went: a second sample of Docent's ingest time, beside the ingest part's. */
  readonly ingest: QaIngestRun;
  /** Stops the server and starts it again on the same data dir with `overrides` to the environment. */
  restart(overrides: Record<string, string>): Promise<ServerProcess>;
  /** Stops the server and removes the data dir. */
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** Starts the server, uploads `qaDir/docs` and waits until every document is processed. */
export const openQaStore = async (qaDir: string): Promise<QaStore> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-bench-qa-'));
  let server = await startServer(dataDir, serverEnv());
  try {
    const api = new ApiClient(server.url);
    await api.signIn('bench-qa@example.com', 'Benchmark-qa-1');
    const ingest = await uploadQaSet(api, qaDir, HOUR_MS);
    const questions = await loadQuestions(qaDir);
    return {
      get server() {
        return server;
      },
      token: api.token as string,
      questions,
      ingest,
      async restart(overrides) {
        await server.stop();
        server = await startServer(dataDir, serverEnv(overrides));
        return server;
      },
      async close() {
        await server.stop();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
};
