import 'reflect-metadata';
import { createInMemoryAdapters, type InMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases, instrumentContainer } from '@docent/composition';
import {
  type Answerer,
  type Clock,
  ExtractiveAnswerer,
  type Metrics,
  type SignInThrottleOptions,
  type SweepStuckDocumentsOptions,
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
  /** The adapters' time source (default: the system clock). */
  clock?: Clock;
  sweeper?: SweepStuckDocumentsOptions;
}

/** A container as `composeLambda` builds one, and its adapters for inspection. */
export const createTestContainer = (options: TestContainerOptions = {}) => {
  const container = new Container();
  if (options.metrics !== undefined) instrumentContainer(container, options.metrics);
  const adapters: InMemoryAdapters = createInMemoryAdapters(
    options.clock === undefined ? {} : { clock: options.clock },
  );
  bindPorts(container, {
    ...adapters,
    TextExtractor: new DocumentExtractor(),
    Answerer: options.answerer ?? new ExtractiveAnswerer(),
    ...(options.signer === undefined ? {} : { UploadSigner: options.signer }),
  });
  bindUseCases(container, {
    ...(options.signIn === undefined ? {} : { signIn: options.signIn }),
    ...(options.sweeper === undefined ? {} : { sweeper: options.sweeper }),
  });
  return { container, adapters };
};
