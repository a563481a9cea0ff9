export { cachedQueryEmbedder } from './caching/query-vector-cache.ts';
export { type InstrumentOptions, instrumentContainer } from './metrics/instrument-container.ts';
export { type DocumentChange, observedDocumentRepository } from './observed-document-repository.ts';
export { bindPorts } from './port-bindings.ts';
export { bindUseCases, resolveUseCases } from './use-case-bindings.ts';
