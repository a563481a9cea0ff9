import 'reflect-metadata';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import {
  OpenAiCompatibleEmbedder,
  OpenIdClientOidc,
  openLocalStore,
  PrometheusMetrics,
  TransformersCrossEncoderReranker,
  TransformersEmbedder,
  UseLiteEmbedder,
} from '@docent/adapters-local';
import { bindPorts, bindUseCases, instrumentContainer } from '@docent/composition';
import { createRandomIds, type Embedder, systemClock } from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import type { ReadinessProbe } from '@docent/http-api';
import { Container } from 'inversify';
import type { LocalConfig } from './config.ts';
import { createAnswering } from './create-answering.ts';
import { embedderProbe, storeProbe } from './readiness-probes.ts';

/** The local composition: a container and what must be closed on shutdown. */
export interface LocalComposition {
  container: Container;
  /** The business metrics, for `GET /metrics`; absent when `DOCENT_METRICS=false`. */
  metrics?: PrometheusMetrics;
  /** The store and embedder checks of `GET /ready` (the server adds the worker's). */
  probes: ReadinessProbe[];
  close(): Promise<void>;
}

/** Options of `composeLocal` that are not settings. */
export interface ComposeLocalOptions {
  /** Samples the number of documents waiting for processing (`docent_queue_depth`); unset: not exported. */
  queueDepth?: () => Promise<number>;
}

const createEmbedder = (config: LocalConfig): Embedder & { close?: () => Promise<void> } => {
  const choice = config.embedder;
  switch (choice.kind) {
    case 'use-lite':
      return new UseLiteEmbedder();
    case 'hashing':
      return new HashingEmbedder();
    case 'onnx':
      return new TransformersEmbedder({ modelDir: choice.modelDir });
    case 'openai-compatible':
      return new OpenAiCompatibleEmbedder(choice);
  }
};

/**
 * The composition root of the embedded defaults: the SQLite store and file blobs in the data dir,
 * the offline embedder, the extractors, and the extractive answerer unless a model is configured.
 * Nothing below reads the env.
 */
export const composeLocal = (config: LocalConfig, options: ComposeLocalOptions = {}): LocalComposition => {
  const embedder = createEmbedder(config);
  const store = openLocalStore({
    dataDir: config.dataDir,
    dimensions: embedder.dimensions,
    clock: systemClock,
    sessionTtlMs: config.sessionTtlMs,
  });
  const { llm, answerer, rewriter } = createAnswering(config.llm);
  const container = new Container();
  const metrics = config.observability.metrics
    ? new PrometheusMetrics(options.queueDepth === undefined ? {} : { gauges: { queueDepth: options.queueDepth } })
    : undefined;
  if (metrics !== undefined) instrumentContainer(container, metrics);
  bindPorts(container, {
    ...store,
    Clock: systemClock,
    Ids: createRandomIds(systemClock),
    Embedder: embedder,
    TextExtractor: new DocumentExtractor(),
    Answerer: answerer,
    ...(llm === undefined ? {} : { LlmGateway: llm }),
    ...(config.oidc === undefined ? {} : { OidcClient: new OpenIdClientOidc(config.oidc) }),
  });
  bindUseCases(container, {
    upload: { maxBytes: config.maxUploadBytes },
    ...(rewriter === undefined ? {} : { rewriter }),
    ...(config.rerankerModelDir
      ? { reranker: new TransformersCrossEncoderReranker({ modelDir: config.rerankerModelDir }) }
      : {}),
  });
  return {
    container,
    ...(metrics === undefined ? {} : { metrics }),
    probes: [storeProbe(store), embedderProbe(embedder)],
    async close() {
      await embedder.close?.();
      store.close();
    },
  };
};
