// embedding
export { UseLiteEmbedder, type UseLiteEmbedderOptions } from './embedding/use-lite-embedder.ts';
// remote
export { OpenAiCompatibleEmbedder, type OpenAiCompatibleEmbedderOptions } from './remote/openai-compatible-embedder.ts';
// store
export * from './store/public-api.ts';
// transformers
export {
  logitsToScores,
  TransformersCrossEncoderReranker,
  type TransformersCrossEncoderRerankerOptions,
} from './transformers/transformers-cross-encoder-reranker.ts';
export { TransformersEmbedder, type TransformersEmbedderOptions } from './transformers/transformers-embedder.ts';
