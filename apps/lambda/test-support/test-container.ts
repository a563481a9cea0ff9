import 'reflect-metadata';
import { createInMemoryAdapters, type InMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases, instrumentContainer } from '@docent/composition';
import {
  type Answerer,
  ExtractiveAnswerer,
  type Metrics,
  type SignInThrottleOptions,
  type UploadSigner,
} from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { Container } from 'inversify';

// Test-only: the Lambda composition over in-memory adapters and the real extractors, with the
// optional ports a test needs bound.

/** Options of `createTestContainer`. */
export interface TestContainerOptions {
  answerer?: Answerer;
  signer?: UploadSigner;
  signIn?: SignInThrottleOptions;
  /** Business metrics to record, as `composeLambda` does with the EMF adapter. */
  metrics?: Metrics;
}

/** A container as `composeLambda` builds one, and its adapters for inspection. */
export const createTestContainer = (options: TestContainerOptions = {}) => {
  const container = new Container();
  if (options.metrics !== undefined) instrumentContainer(container, options.metrics);
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
