// embedding
export { UseLiteEmbedder, type UseLiteEmbedderOptions } from './embedding/use-lite-embedder.ts';
// store
export * from './store/public-api.ts';
