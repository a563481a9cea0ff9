import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Embedder, type Principal, type Resolver, TOKENS, type VectorIndex } from '@docent/domain';
import { buildApp } from '@docent/http-api';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Container } from 'inversify';
import { loadConfig } from '../config.ts';
import { composeLocal } from '../container.ts';
import { VERSION } from '../version.ts';
import type { QaSet } from './qa-set.ts';

/** An ingested document: what the harness needs of it. */
export interface IngestedDocument {
  id: string;
  name: string;
  status: string;
  failure?: string;
  /** Docent's normalised text of the document; empty when processing failed. */
  text: string;
  /** Lengths in characters of its chunks, in order. */
  chunkLengths: number[];
}

/** A document as `GET /documents` lists it (the fields the harness reads). */
interface ListedDocument {
  id: string;
  name: string;
  status: string;
  error?: { code: string };
}

/** Sends a request through the app; resolves to the parsed JSON body, throws unless 2xx. */
export type SendRequest = <T>(options: InjectOptions) => Promise<T>;

/** What ingesting the QA set's documents cost. */
export interface IngestStats {
  documents: number;
  failed: Array<{ name: string; code: string }>;
  chunks: number;
  /** Mean chunk length in characters, over every chunk of every document. */
  meanChunkChars: number;
  /** From the first upload until every document was `ready` or `failed`. */
  ingestMs: number;
  /** Peak resident set size of this process so far (model, store and harness included). */
  peakRssBytes: number;
}

/** A composed Docent on a fresh data dir, its documents ingested, ready to be asked. */
export interface EvalSession {
  app: FastifyInstance;
  /** The composition's container, to derive child containers from. */
  container: Container;
  /** The same container, typed by token. */
  resolver: Resolver;
  token: string;
  principal: Principal;
  documents: IngestedDocument[];
  ingest: IngestStats;
  /** The file name of a document id (the id itself if unknown). */
  nameOf(documentId: string): string;
  /** Sends a request through the app with the session's bearer token. */
  request: SendRequest;
  /** Closes the app and the store and removes the data dir. */
  close(): Promise<void>;
}

export interface EvalSessionOptions {
  embedder: 'use-lite' | 'hashing';
  /** Further settings, as environment variables (e.g. `DOCENT_EMBED_UNIT`). */
  env?: Record<string, string>;
  /** An embedder instance used instead of the configured one (measurement scripts cache vectors). */
  embedderInstance?: Embedder & { close?: () => Promise<void> };
  /** A vector index used instead of the store's (scripts/measure-budget-search.ts measures S3 Vectors so). */
  vectorIndex?: VectorIndex;
  onProgress?: (message: string) => void;
}

const EMAIL = 'eval@example.com';
const PASSWORD = 'Evaluation-Harness-1';
// How long to wait for a retried job's backoff before looking again.
const RETRY_POLL_MS = 200;

/**
 * Composes the local server on a fresh temporary data dir (as `npm start` would, minus the
 * listener and the background worker), registers a user, uploads every file of the set's `docs/`
 * through the HTTP app, and runs the job queue until every document is `ready` or `failed`.
 */
export const openEvalSession = async (qa: QaSet, options: EvalSessionOptions): Promise<EvalSession> => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-eval-'));
  const config = loadConfig(
    {
      DOCENT_DATA_DIR: dataDir,
      DOCENT_EMBEDDER: options.embedder,
      DOCENT_LOG_LEVEL: 'silent',
      DOCENT_API_DOCS: 'false',
      ...options.env,
    },
    process.cwd(),
  );
  const composition = composeLocal(config, {
    ...(options.embedderInstance === undefined ? {} : { embedder: options.embedderInstance }),
    ...(options.vectorIndex === undefined ? {} : { vectorIndex: options.vectorIndex }),
  });
  const close = async () => {
    await composition.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const { container } = composition;
    const resolver: Resolver = container;
    const app = await buildApp(container, {
      version: VERSION,
      maxUploadBytes: config.maxUploadBytes,
      serveDocs: false,
    });
    const send: SendRequest = async <T>(request: InjectOptions): Promise<T> => {
      const response = await app.inject(request);
      if (response.statusCode >= 300) {
        throw new Error(`${request.method} ${request.url} answered ${response.statusCode}: ${response.body}`);
      }
      return (response.body === '' ? null : response.json()) as T;
    };
    const credentials = { email: EMAIL, password: PASSWORD };
    await send({ method: 'POST', url: '/auth/register', payload: credentials });
    const { token } = await send<{ token: string }>({ method: 'POST', url: '/auth/login', payload: credentials });
    const headers = { authorization: `Bearer ${token}` };
    const request: SendRequest = (options) => send({ ...options, headers: { ...options.headers, ...headers } });
    const principal = await resolver.get(TOKENS.Authenticate).execute({ token });

    const started = performance.now();
    for (const name of qa.documents) {
      const form = new FormData();
      form.set('file', new Blob([await readFile(path.join(qa.dir, 'docs', name))]), name);
      await request({ method: 'POST', url: '/documents/upload', payload: form });
    }
    const listed = await drainJobs(resolver, request, options.onProgress);
    const ingestMs = performance.now() - started;
    const peakRssBytes = process.resourceUsage().maxRSS * 1024;

    const chunks = resolver.get(TOKENS.ChunkRepository);
    const documents: IngestedDocument[] = [];
    for (const d of listed) {
      const ready = d.status === 'ready';
      documents.push({
        id: d.id,
        name: d.name,
        status: d.status,
        ...(d.error === undefined ? {} : { failure: d.error.code }),
        text: ready ? ((await chunks.getText(principal.userId, d.id))?.text ?? '') : '',
        chunkLengths: ready ? (await chunks.listForDocument(principal.userId, d.id)).map((c) => c.text.length) : [],
      });
    }
    const lengths = documents.flatMap((d) => d.chunkLengths);
    const names = new Map(documents.map((d) => [d.id, d.name]));
    return {
      app,
      container,
      resolver,
      token,
      principal,
      documents,
      ingest: {
        documents: documents.length,
        failed: documents.flatMap((d) => (d.status === 'ready' ? [] : [{ name: d.name, code: d.failure ?? d.status }])),
        chunks: lengths.length,
        meanChunkChars: lengths.length === 0 ? 0 : lengths.reduce((a, b) => a + b, 0) / lengths.length,
        ingestMs,
        peakRssBytes,
      },
      nameOf: (id) => names.get(id) ?? id,
      request,
      async close() {
        await app.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
};

/** Runs jobs until every listed document is final; returns the final list, in upload order. */
const drainJobs = async (
  resolver: Resolver,
  request: SendRequest,
  onProgress: ((message: string) => void) | undefined,
): Promise<ListedDocument[]> => {
  const runner = resolver.get(TOKENS.JobRunner);
  for (;;) {
    const worked = await runner.runNext();
    const documents = await listAll(request);
    const done = documents.filter((d) => d.status === 'ready' || d.status === 'failed');
    if (worked) onProgress?.(`ingest: ${done.length}/${documents.length} documents processed`);
    if (done.length === documents.length) return documents.reverse();
    // A failed run is retried after a backoff; wait for it rather than spin.
    if (!worked) await sleep(RETRY_POLL_MS);
  }
};

const listAll = async (request: SendRequest): Promise<ListedDocument[]> => {
  const documents: ListedDocument[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const page = await request<{ documents: ListedDocument[]; nextCursor?: string | null }>({
      method: 'GET',
      url: `/documents?limit=100${query}`,
    });
    documents.push(...page.documents);
    cursor = page.nextCursor ?? null;
  } while (cursor !== null);
  return documents;
};
