import 'reflect-metadata';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { createOpenSearchClient } from '@docent/adapters-aws';
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
  SqsJobQueue,
  TitanEmbedder,
} from '@docent/adapters-aws';
import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { bindPorts, bindUseCases, instrumentContainer } from '@docent/composition';
import {
  type Answerer,
  type Clock,
  createRandomIds,
  ExtractiveAnswerer,
  GenerativeAnswerer,
  LlmQuestionRewriter,
  type Metrics,
  type Ports,
  systemClock,
} from '@docent/domain';
import { DocumentExtractor } from '@docent/extractors';
import { Container } from 'inversify';
import type { AwsConfig, AwsStorage } from './aws-config.ts';
import { JOB_DELIVERIES } from './job-deliveries.ts';
import { searchPorts } from './search-ports.ts';

type AwsResources = Extract<AwsStorage, { kind: 'aws' }>;

/** The AWS clients the adapters share; built from the region unless given. */
export interface AwsClients {
  dynamo: DynamoDBClient;
  sqs: SQSClient;
  s3: S3Client;
  /** The collection's client (`createOpenSearchClient`). */
  openSearch: ReturnType<typeof createOpenSearchClient>;
}

/**
 * What a test changes in the composition: clients pointed at local protocol servers, and ports
 * standing in for services it has no local server for. The deployed functions pass none.
 */
export interface LambdaOverrides {
  clients?: Partial<AwsClients>;
  ports?: Partial<Ports>;
}

/**
 * The storage ports on AWS: DynamoDB for documents, history, users and sign-in throttling, S3 for blobs and
 * chunk texts, OpenSearch Serverless for both indexes (or, on a budget stage, S3 Vectors and DynamoDB:
 * search-ports.ts), Cognito for accounts, Titan for embeddings, SQS (with the DynamoDB jobs table) for the
 * job queue the worker function drains. The unit of work stays in memory:
 * DynamoDB, S3 and OpenSearch share no transaction, so each write is idempotent and ordered instead
 * (documented in docs/deploy-aws.md).
 */
const awsPorts = (config: AwsConfig, resources: AwsResources, clients: Partial<AwsClients>, clock: Clock) => {
  const { region } = config;
  const dynamo = clients.dynamo ?? new DynamoDBClient({ region });
  const bucket = { bucket: resources.bucket, region, ...(clients.s3 === undefined ? {} : { client: clients.s3 }) };
  const { UnitOfWork } = createInMemoryAdapters();
  const JobQueue = new SqsJobQueue({
    sqs: clients.sqs ?? new SQSClient({ region }),
    queueUrl: resources.jobs.queueUrl,
    ...(resources.jobs.dlqUrl === undefined ? {} : { dlqUrl: resources.jobs.dlqUrl }),
    dynamo,
    jobsTable: resources.jobs.table,
    clock,
  });
  return {
    DocumentRepository: new DynamoDocumentRepository({ client: dynamo, tableName: resources.documentsTable, clock }),
    QueryHistoryRepository: new DynamoQueryHistoryRepository({ client: dynamo, tableName: resources.historyTable }),
    // Sign-in throttling must hold across instances, so its counters cannot live in one instance's memory.
    LoginAttempts: new DynamoLoginAttempts({ client: dynamo, tableName: resources.loginAttemptsTable }),
    ChunkRepository: new S3ChunkRepository(bucket),
    BlobStore: new S3BlobStore(bucket),
    UploadSigner: new S3UploadSigner(bucket),
    ...searchPorts(resources.search, {
      region,
      dimensions: config.embeddingDimensions,
      clients: { dynamo, ...(clients.openSearch === undefined ? {} : { openSearch: clients.openSearch }) },
    }),
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
 * adapters, or (`DOCENT_STORAGE=memory`) the in-memory ones for a try-out without AWS resources
 * (their job queue is drained in-process by the processing function; there is no worker).
 * With `metrics`, the business metrics are recorded as on the local server (uploads, stages,
 * outcomes, questions, abstentions, embedder throughput).
 */
export const composeLambda = (config: AwsConfig, metrics?: Metrics, overrides: LambdaOverrides = {}): Container => {
  const container = new Container();
  if (metrics !== undefined) instrumentContainer(container, metrics);
  // One clock for the use cases, the job queue and the documents table's change stamps, which the sweeper compares.
  const clock = overrides.ports?.Clock ?? systemClock;
  const ports = {
    ...(config.storage.kind === 'aws'
      ? {
          ...awsPorts(config, config.storage, overrides.clients ?? {}, clock),
          Clock: clock,
          Ids: createRandomIds(clock),
        }
      : createInMemoryAdapters()),
    ...overrides.ports,
  };
  const { answerer, rewriter } = answering(config);
  bindPorts(container, { ...ports, TextExtractor: new DocumentExtractor(), Answerer: answerer });
  // The worker takes its jobs from its event, through the queue itself rather than the instrumented port.
  if (ports.JobQueue instanceof SqsJobQueue) container.bind(JOB_DELIVERIES).toConstantValue(ports.JobQueue);
  bindUseCases(container, {
    upload: { maxBytes: config.maxUploadBytes },
    sweeper: config.sweeper,
    ...(rewriter === undefined ? {} : { rewriter }),
  });
  return container;
};
