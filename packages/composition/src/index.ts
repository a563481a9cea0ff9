export { bindUseCases, type UseCaseOptions } from './use-case-bindings.ts';
