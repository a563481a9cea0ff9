import 'reflect-metadata';
import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases } from '@docent/composition';
import { ExtractiveAnswerer } from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { Container } from 'inversify';

/**
 * The Lambda composition root. Until the AWS adapters land (DynamoDB, S3, OpenSearch, Bedrock,
 * Cognito: the AWS issue), it binds the in-memory adapters, so a deployed function keeps data only
 * for the life of its container. It is built once per cold start.
 */
export const composeLambda = (): Container => {
  const container = new Container();
  const adapters = createInMemoryAdapters();
  bindPorts(container, { ...adapters, TextExtractor: new DocumentExtractor(), Answerer: new ExtractiveAnswerer() });
  bindUseCases(container);
  return container;
};
