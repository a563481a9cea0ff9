export { type InstrumentOptions, instrumentContainer } from './metrics/instrument-container.ts';
export { bindPorts, type Ports } from './port-bindings.ts';
export { bindUseCases, type UseCaseOptions } from './use-case-bindings.ts';
