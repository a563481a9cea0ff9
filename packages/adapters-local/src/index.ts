// embedding
export { EMBEDDING_THREAD_NAME } from './embedding/embedding-worker-pool.ts';
export { UseLiteEmbedder, type UseLiteEmbedderOptions } from './embedding/use-lite-embedder.ts';
// metrics
export { type MetricsScrape, PrometheusMetrics, type PrometheusMetricsOptions } from './metrics/prometheus-metrics.ts';
// oidc
export { OpenIdClientOidc, type OpenIdClientOidcOptions } from './oidc/openid-client-oidc.ts';
// remote
export { OpenAiCompatibleEmbedder, type OpenAiCompatibleEmbedderOptions } from './remote/openai-compatible-embedder.ts';
export { OpenAiCompatibleLlm, type OpenAiCompatibleLlmOptions } from './remote/openai-compatible-llm.ts';
// store
export * from './store/public-api.ts';
// transformers
export {
  logitsToScores,
  TransformersCrossEncoderReranker,
  type TransformersCrossEncoderRerankerOptions,
} from './transformers/transformers-cross-encoder-reranker.ts';
export { TransformersEmbedder, type TransformersEmbedderOptions } from './transformers/transformers-embedder.ts';
