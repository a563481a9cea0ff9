/**
 * The ingested QA store the ask and cost parts share: the real server on a fresh data dir with the
 * caller's DOCENT_* settings, the QA set's documents uploaded by one user and processed. It can be
 * restarted on the same data dir with other settings (the cost part points it at a model).
 * With `DOCENT_BENCH_QA_DATA_DIR` set, the store is built in that directory and kept, and a later run
 * finds it ingested and reuses it (a USE Lite ingest takes minutes on a busy machine); its ingest
 * times are then NaN, since nothing was ingested.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ApiClient, loadQuestions, type QaQuestion } from '../../apps/local-server/test/support/api-client.ts';
import { type ServerProcess, startServer } from '../../apps/local-server/test/support/server-process.ts';
import { serverEnv } from './bench-support.ts';
import { isFinal, listDocuments, type QaIngestRun, uploadQaSet } from './qa-upload.ts';

/** A running server with the QA set ingested. */
export interface QaStore {
  /** The server now running. */
  readonly server: ServerProcess;
  /** The store's data directory. */
  readonly dataDir: string;
  /** The user's bearer token (sessions survive restarts). */
  readonly token: string;
  readonly questions: readonly QaQuestion[];
  /** How the ingest went: a second sample of Docent's ingest time, beside the ingest part's. */
  readonly ingest: QaIngestRun;
  /** Stops the server and starts it again on the same data dir with `overrides` to the environment. */
  restart(overrides: Record<string, string>): Promise<ServerProcess>;
  /** Stops the server and removes the data dir (a kept one, `DOCENT_BENCH_QA_DATA_DIR`, stays). */
  close(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** The kept store's directory (`DOCENT_BENCH_QA_DATA_DIR`), or undefined for a temporary one. */
const keptDataDir = (): string | undefined => {
  const dir = process.env.DOCENT_BENCH_QA_DATA_DIR;
  return dir === undefined || dir === '' ? undefined : path.resolve(dir);
};

/** The documents of a store ingested earlier, when every one of them is processed. */
const reuse = async (api: ApiClient): Promise<QaIngestRun | undefined> => {
  const documents = await listDocuments(api);
  if (documents.length === 0) return undefined;
  if (!documents.every(isFinal)) throw new Error('the kept QA store still has documents processing');
  return { documents, searchableMs: Number.NaN, readyMs: Number.NaN };
};

/**
 * Starts the server, uploads `qaDir/docs` and waits until every document is processed; with
 * `DOCENT_BENCH_QA_DATA_DIR` naming an ingested store, reuses it instead.
 */
export const openQaStore = async (qaDir: string): Promise<QaStore> => {
  const kept = keptDataDir();
  if (kept !== undefined) await mkdir(kept, { recursive: true });
  const dataDir = kept ?? (await mkdtemp(path.join(tmpdir(), 'docent-bench-qa-')));
  const discard = () => (kept === undefined ? rm(dataDir, { recursive: true, force: true }) : Promise.resolve());
  const ingested = existsSync(path.join(dataDir, 'docent.db'));
  let server = await startServer(dataDir, serverEnv());
  try {
    const api = new ApiClient(server.url);
    await api.signIn('bench-qa@example.com', 'Benchmark-qa-1');
    const ingest = (ingested ? await reuse(api) : undefined) ?? (await uploadQaSet(api, qaDir, HOUR_MS));
    const questions = await loadQuestions(qaDir);
    return {
      get server() {
        return server;
      },
      dataDir,
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
        await discard();
      },
    };
  } catch (error) {
    await server.stop();
    await discard();
    throw error;
  }
};
