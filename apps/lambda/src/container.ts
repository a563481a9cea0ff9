import 'reflect-metadata';
import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { bindUseCases } from '@docent/composition';
import { ExtractiveAnswerer, TOKENS, type Token } from '@docent/domain';
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
  const constant = <T>(token: Token<T>, value: T) => container.bind<T>(token).toConstantValue(value);
  constant(TOKENS.Clock, adapters.Clock);
  constant(TOKENS.Ids, adapters.Ids);
  constant(TOKENS.BlobStore, adapters.BlobStore);
  constant(TOKENS.ChunkRepository, adapters.ChunkRepository);
  constant(TOKENS.DocumentRepository, adapters.DocumentRepository);
  constant(TOKENS.IdentityProvider, adapters.IdentityProvider);
  constant(TOKENS.JobQueue, adapters.JobQueue);
  constant(TOKENS.LexicalIndex, adapters.LexicalIndex);
  constant(TOKENS.QueryHistoryRepository, adapters.QueryHistoryRepository);
  constant(TOKENS.UnitOfWork, adapters.UnitOfWork);
  constant(TOKENS.VectorIndex, adapters.VectorIndex);
  constant(TOKENS.Embedder, adapters.Embedder);
  constant(TOKENS.TextExtractor, new DocumentExtractor());
  constant(TOKENS.LlmGateway, new ExtractiveAnswerer());
  bindUseCases(container);
  return container;
};
