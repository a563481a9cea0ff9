export { cachedQueryEmbedder } from './caching/query-vector-cache.ts';
export { type InstrumentOptions, instrumentContainer } from './metrics/instrument-container.ts';
export { bindPorts, type Ports } from './port-bindings.ts';
export { bindUseCases, createAskQuestion, type Get, type UseCaseOptions } from './use-case-bindings.ts';
