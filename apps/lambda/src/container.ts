import 'reflect-metadata';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  BedrockLlm,
  CognitoIdentityProvider,
  DynamoDocumentRepository,
  DynamoLoginAttempts,
  DynamoQueryHistoryRepository,
  DynamoUsersTable,
  S3BlobStore,
  S3ChunkRepository,
  S3UploadSigner,
  TitanEmbedder,
} from '@docent/adapters-aws';
import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases, instrumentContainer } from '@docent/composition';
import {
  type Answerer,
  createRandomIds,
  ExtractiveAnswerer,
  GenerativeAnswerer,
  LlmQuestionRewriter,
  type Metrics,
  systemClock,
} from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { Container } from 'inversify';
import type { AwsConfig, AwsStorage } from './aws-config.ts';
import { searchPorts } from './search-ports.ts';

type AwsResources = Extract<AwsStorage, { kind: 'aws' }>;

/**
 * The storage ports on AWS: DynamoDB for documents, history, users and sign-in throttling, S3 for blobs and
 * chunk texts, OpenSearch Serverless for both indexes (or, on a budget stage, S3 Vectors and DynamoDB:
 * search-ports.ts), Cognito for accounts, Titan for embeddings. The job queue and unit of work stay in
 * memory: on AWS processing is started by the S3 event of the stored object, not by a queue worker, and
 * DynamoDB, S3 and OpenSearch share no transaction, so each write is idempotent and ordered instead
 * (documented in docs/deploy-aws.md).
 */
const awsPorts = (config: AwsConfig, resources: AwsResources) => {
  const { region } = config;
  const dynamo = new DynamoDBClient({ region });
  const bucket = { bucket: resources.bucket, region };
  const { JobQueue, UnitOfWork } = createInMemoryAdapters();
  return {
    DocumentRepository: new DynamoDocumentRepository({ client: dynamo, tableName: resources.documentsTable }),
    QueryHistoryRepository: new DynamoQueryHistoryRepository({ client: dynamo, tableName: resources.historyTable }),
    // Sign-in throttling must hold across instances, so its counters cannot live in one instance's memory.
    LoginAttempts: new DynamoLoginAttempts({ client: dynamo, tableName: resources.loginAttemptsTable }),
    ChunkRepository: new S3ChunkRepository(bucket),
    BlobStore: new S3BlobStore(bucket),
    UploadSigner: new S3UploadSigner(bucket),
    ...searchPorts(resources.search, { region, dimensions: config.embeddingDimensions }),
    Embedder: new TitanEmbedder({ region, dimensions: config.embeddingDimensions }),
    IdentityProvider: new CognitoIdentityProvider({
      client: new CognitoIdentityProviderClient({ region }),
      users: new DynamoUsersTable({
        client: DynamoDBDocumentClient.from(dynamo),
        tableName: resources.usersTable,
      }),
      userPoolId: resources.userPoolId,
      clientId: resources.userPoolClientId,
      region,
    }),
    JobQueue,
    UnitOfWork,
  };
};

const answering = (config: AwsConfig): { answerer: Answerer; rewriter?: LlmQuestionRewriter } => {
  if (config.llm.kind === 'extractive') return { answerer: new ExtractiveAnswerer() };
  const llm = new BedrockLlm({ modelId: config.llm.modelId, region: config.region });
  return { answerer: new GenerativeAnswerer(llm), rewriter: new LlmQuestionRewriter(llm) };
};

/**
 * The Lambda composition root, built once per cold start from the validated environment: the AWS
 * adapters, or (`DOCENT_STORAGE=memory`) the in-memory ones for a try-out without AWS resources.
 * With `metrics`, the business metrics are recorded as on the local server (uploads, stages,
 * outcomes, questions, abstentions, embedder throughput).
 */
export const composeLambda = (config: AwsConfig, metrics?: Metrics): Container => {
  const container = new Container();
  if (metrics !== undefined) instrumentContainer(container, metrics);
  const ports =
    config.storage.kind === 'aws'
      ? { ...awsPorts(config, config.storage), Clock: systemClock, Ids: createRandomIds(systemClock) }
      : createInMemoryAdapters();
  const { answerer, rewriter } = answering(config);
  bindPorts(container, { ...ports, TextExtractor: new DocumentExtractor(), Answerer: answerer });
  bindUseCases(container, {
    upload: { maxBytes: config.maxUploadBytes },
    ...(rewriter === undefined ? {} : { rewriter }),
  });
  return container;
};
