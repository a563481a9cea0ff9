export { type InstrumentOptions, instrumentContainer } from './metrics/instrument-container.ts';
export { bindPorts } from './port-bindings.ts';
export { bindUseCases, resolveUseCases } from './use-case-bindings.ts';
