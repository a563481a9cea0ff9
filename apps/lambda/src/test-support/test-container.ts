import 'reflect-metadata';
import { createInMemoryAdapters, type InMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases } from '@docent/composition';
import { type Answerer, ExtractiveAnswerer, type SignInThrottleOptions, type UploadSigner } from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { Container } from 'inversify';

// Test-only: the Lambda composition over in-memory adapters and the real extractors, with the
// optional ports a test needs bound.

/** Options of `createTestContainer`. */
export interface TestContainerOptions {
  answerer?: Answerer;
  signer?: UploadSigner;
  signIn?: SignInThrottleOptions;
}

/** A container as `composeLambda` builds one, and its adapters for inspection. */
export const createTestContainer = (options: TestContainerOptions = {}) => {
  const container = new Container();
  const adapters: InMemoryAdapters = createInMemoryAdapters();
  bindPorts(container, {
    ...adapters,
    TextExtractor: new DocumentExtractor(),
    Answerer: options.answerer ?? new ExtractiveAnswerer(),
    ...(options.signer === undefined ? {} : { UploadSigner: options.signer }),
  });
  bindUseCases(container, options.signIn === undefined ? {} : { signIn: options.signIn });
  return { container, adapters };
};
