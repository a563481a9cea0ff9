export { bindPorts, type Ports } from './port-bindings.ts';
export { bindUseCases, type UseCaseOptions } from './use-case-bindings.ts';
