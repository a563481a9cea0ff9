import 'reflect-metadata';
import { createInMemoryAdapters, HashingEmbedder } from '@docent/adapters-inmemory';
import {
  type LocalStore,
  OpenAiCompatibleEmbedder,
  OpenIdClientOidc,
  openLocalStore,
  PrometheusMetrics,
  TransformersCrossEncoderReranker,
  TransformersEmbedder,
  UseLiteEmbedder,
} from '@docent/adapters-local';
import {
  bindPorts,
  bindUseCases,
  cachedQueryEmbedder,
  type DocumentChange,
  instrumentContainer,
  observedDocumentRepository,
  resolveUseCases,
} from '@docent/composition';
import { createRandomIds, type Embedder, systemClock, TOKENS, type UseCases, type VectorIndex } from '@docent/domain';
import { WorkerTextExtractor } from '@docent/extractors';
import type { ReadinessProbe } from '@docent/http-api';
import { Container } from 'inversify';
import { AskWorkerPool } from './ask-pool/ask-worker-pool.ts';
import type { LocalConfig } from './config.ts';
import { createAnswering } from './create-answering.ts';
import { embedderProbe, storeProbe } from './readiness-probes.ts';

/**
 * Job lease of the local server: a day. One process owns the data dir (lock file) and requeues what
 * a crash left running when it starts, so a lease need not expire while the process lives; a short
 * one would let a second processing loop take over a big document that is still embedding.
 */
export const LOCAL_JOB_LEASE_MS = 24 * 3_600_000;

/** The local composition: a container and what must be closed on shutdown. */
export interface LocalComposition {
  container: Container;
  /** Every use case, as the container hands them out (`container.get(TOKENS.X)` gives the same objects). */
  useCases: UseCases;
  /** The business metrics, for `GET /metrics`; absent when `DOCENT_METRICS=false`. */
  metrics?: PrometheusMetrics;
  /** The store and embedder checks of `GET /ready` (the server adds the worker's). */
  probes: ReadinessProbe[];
  /**
   * Loads the embedder's model(s) and starts the extraction workers now when the config asks
   * (`DOCENT_EMBED_PRELOAD`); resolves at once otherwise. A failure rejects here; embedding and
   * extraction then try again on first use.
   */
  preload(): Promise<void>;
  close(): Promise<void>;
}

/** An embedder with the lifecycle calls the composition may make. */
type ManagedEmbedder = Embedder & { close?: () => Promise<void>; preload?: () => Promise<void> };

const createEmbedder = (config: LocalConfig): ManagedEmbedder => {
  const choice = config.embedder;
  switch (choice.kind) {
    case 'use-lite':
      return new UseLiteEmbedder({ workers: config.embedding.workers, denseTokens: config.embedding.denseTokens });
    case 'hashing':
      return new HashingEmbedder();
    case 'onnx':
      return new TransformersEmbedder({ modelDir: choice.modelDir });
    case 'openai-compatible':
      return new OpenAiCompatibleEmbedder(choice);
  }
};

/** The ask worker pool the config asks for (none with `DOCENT_ASK_WORKERS=0`); call after the store is open. */
const createAskPool = (
  config: LocalConfig,
  ports: { embedder: Embedder; vectors: VectorIndex },
  reranker: TransformersCrossEncoderReranker | undefined,
): AskWorkerPool | undefined =>
  config.ask.workers === 0 || config.storage === 'memory'
    ? undefined
    : new AskWorkerPool({
        size: config.ask.workers,
        ...ports,
        ...(reranker === undefined ? {} : { reranker }),
        workerData: {
          dataDir: config.dataDir,
          embedder: { modelId: ports.embedder.modelId, dimensions: ports.embedder.dimensions },
          ...(reranker === undefined ? {} : { rerankerModelId: reranker.modelId }),
          // Large owners are searched by the server's approximate index: one per server.
          ...(config.vectorSearch === false ? {} : { approximateFrom: config.vectorSearch.minVectors }),
          vectorCacheBytes: config.ask.vectorCacheBytes,
          llm: config.llm,
        },
      });
/** The storage ports and the two store calls the composition needs besides them. */
type OpenedStore = Omit<LocalStore, 'vectorsSettled' | 'warmedUp' | 'prewarmed'>;

/** Storage that lives and dies with the process: the in-memory adapters, with nothing to lock or close. */
const openMemoryStore = (dimensions: number): OpenedStore => {
  const { Embedder: _hashing, Clock: _clock, Ids: _ids, ...ports } = createInMemoryAdapters({ dimensions });
  return { ...ports, checkWritable: async () => {}, close: () => {} };
};

/** The configured store: the SQLite file in the data dir (taking the directory's lock), or memory. */
const openStore = (config: LocalConfig, dimensions: number): OpenedStore =>
  config.storage === 'memory'
    ? openMemoryStore(dimensions)
    : openLocalStore({
        dataDir: config.dataDir,
        dimensions,
        clock: systemClock,
        sessionTtlMs: config.sessionTtlMs,
        jobMaxAttempts: config.jobMaxAttempts,
        approximateSearch: config.vectorSearch,
        scanCacheBytes: config.ask.vectorCacheBytes,
        prewarm: { budgetBytes: config.prewarmBytes },
      });

/** Parts a harness supplies itself instead of the configured ones (e.g. an embedder that caches vectors). */
export interface LocalOverrides {
  /** Used instead of the configured embedder; closed with the composition when it has `close`. */
  embedder?: ManagedEmbedder;
  /** Told of every document update and deletion as it is written (processing progress, for in-process callers). */
  onDocumentChange?: (change: DocumentChange) => void;
  /** Used instead of the store's vector index (a harness measuring another backend's VectorIndex adapter). */
  vectorIndex?: VectorIndex;
}

/**
 * The composition root of the embedded defaults: the SQLite store and file blobs in the data dir
 * (or the in-memory adapters with `DOCENT_STORAGE=memory`),
 * the offline embedder, the extractors (in worker threads), and the extractive answerer unless a model is configured.
 * Nothing below reads the env.
 */
export const composeLocal = (config: LocalConfig, overrides: LocalOverrides = {}): LocalComposition => {
  const embedder = overrides.embedder ?? createEmbedder(config);
  const store = openStore(config, embedder.dimensions);
  const { llm, answerer, rewriter } = createAnswering(config.llm);
  // Extraction runs in worker threads so a hostile file's memory and time stay bounded.
  const extractor = new WorkerTextExtractor({
    ...config.extraction,
    ocr: config.ocr,
    maxWorkers: config.processingConcurrency,
  });
  const container = new Container();
  const metrics = config.observability.metrics
    ? new PrometheusMetrics({ gauges: { queueDepth: async () => (await store.JobQueue.stats()).queued } })
    : undefined;
  if (metrics !== undefined) instrumentContainer(container, metrics);
  const { onDocumentChange } = overrides;
  // Outside the measured embedder (activated after it), so the metrics count what the model embeds.
  container.onActivation<Embedder>(TOKENS.Embedder, (_, inner) =>
    cachedQueryEmbedder(inner, config.ask.queryCacheEntries),
  );
  bindPorts(container, {
    ...store,
    ...(overrides.vectorIndex === undefined ? {} : { VectorIndex: overrides.vectorIndex }),
    ...(onDocumentChange === undefined
      ? {}
      : { DocumentRepository: observedDocumentRepository(store.DocumentRepository, onDocumentChange) }),
    Clock: systemClock,
    Ids: createRandomIds(systemClock),
    Embedder: embedder,
    TextExtractor: extractor,
    Answerer: answerer,
    ...(llm === undefined ? {} : { LlmGateway: llm }),
    ...(config.oidc === undefined ? {} : { OidcClient: new OpenIdClientOidc(config.oidc) }),
  });
  const reranker = config.rerankerModelDir
    ? new TransformersCrossEncoderReranker({ modelDir: config.rerankerModelDir })
    : undefined;
  // The container's embedder: with metrics on, the workers' query embeddings are counted too. Ask
  // workers open the SQLite file themselves, so a store in memory answers on this thread.
  const pool = createAskPool(
    config,
    { embedder: container.get(TOKENS.Embedder), vectors: container.get(TOKENS.VectorIndex) },
    reranker,
  );
  bindUseCases(container, {
    upload: { maxBytes: config.maxUploadBytes },
    signIn: config.signIn,
    processing: {
      maxChunks: config.maxChunksPerDocument,
      embedUnit: config.embedding.unit,
      windowChars: config.embedding.windowChars,
    },
    jobs: { leaseMs: LOCAL_JOB_LEASE_MS },
    ...(rewriter === undefined ? {} : { rewriter }),
    ...(reranker === undefined ? {} : { reranker }),
    ...(pool === undefined ? {} : { askRunner: pool }),
    askAdmission: {
      maxRunning: config.ask.concurrency,
      maxQueue: config.ask.maxQueue,
      refusalDelayMs: config.ask.refusalDelayMs,
    },
  });
  return {
    container,
    useCases: resolveUseCases(container),
    ...(metrics === undefined ? {} : { metrics }),
    probes: [storeProbe(store), embedderProbe(embedder)],
    async preload() {
      if (config.embedding.preload) await Promise.all([embedder.preload?.(), extractor.preload()]);
    },
    async close() {
      await pool?.close();
      await embedder.close?.();
      await extractor.close();
      store.close();
    },
  };
};
