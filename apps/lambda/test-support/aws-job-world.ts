import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { TitanEmbedder } from '@docent/adapters-aws/bedrock';
import { type Clock, type Resolver, TOKENS } from '@docent/domain';
import type { Context, S3Event, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { startBedrockTestServer } from '../../../packages/adapters-aws/test-support/bedrock-test-server.ts';
import { startDynalite } from '../../../packages/adapters-aws/test-support/dynalite-test-server.ts';
import { TEST_CREDENTIALS, testClient } from '../../../packages/adapters-aws/test-support/opensearch-test-client.ts';
import {
  type OpenSearchTestServer,
  startOpenSearchTestServer,
} from '../../../packages/adapters-aws/test-support/opensearch-test-server.ts';
import { startS3TestServer } from '../../../packages/adapters-aws/test-support/s3-test-server.ts';
import {
  createSqsJobResources,
  type SqsJobResources,
} from '../../../packages/adapters-aws/test-support/sqs-job-world.ts';
import { type SqsTestServer, startSqsTestServer } from '../../../packages/adapters-aws/test-support/sqs-test-server.ts';
import { loadAwsConfig } from '../src/aws-config.ts';
import { composeLambda } from '../src/container.ts';
import { JOB_DELIVERIES } from '../src/job-deliveries.ts';
import { createObservability } from '../src/observability.ts';
import { createProcessingHandler, type ProcessingSummary } from '../src/processing-handler.ts';
import { createWorkerHandler } from '../src/worker-handler.ts';
import { countingEmbedder } from './counting-embedder.ts';
import { objectCreatedEvent } from './s3-events.ts';

// Test-only: the Lambda composition with DOCENT_STORAGE=aws on local protocol servers: dynalite for
// the documents and jobs tables, s3rver for blobs and chunk texts, the SQS test server for the job
// queue and its DLQ, the OpenSearch test server answering as an empty collection (writes succeed,
// searches find nothing: this world checks processing, not retrieval), and the Bedrock test server
// computing Titan embeddings.

/** Options of `startAwsJobWorld`. */
export interface AwsJobWorldOptions {
  /** The worker's reserve before the Lambda timeout. */
  reserveMs?: number;
  /** Receives before SQS moves a message to the DLQ (the queue's redrive policy). */
  maxReceiveCount?: number;
  /** The composition's clock (the sweeper's "now" and the documents table's change stamps). */
  clock?: Clock;
}

/** The processing and worker functions over one AWS composition, and the servers under it. */
export interface AwsJobWorld {
  container: Resolver;
  /** Titan on the Bedrock test server, counting calls and slowed down on demand. */
  embedder: ReturnType<typeof countingEmbedder>;
  /** Every request the collection received. */
  openSearch: OpenSearchTestServer;
  processing: (event: S3Event, context: Context) => Promise<ProcessingSummary>;
  worker: (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
  sqs: SqsTestServer;
  queues: SqsJobResources;
  /** Requests a presigned upload for `ownerId` and PUTs the bytes as the browser would; returns the S3 event. */
  upload(ownerId: string, name: string, text: string): Promise<{ documentId: string; blobKey: string; event: S3Event }>;
  /** Receives what is visible on the jobs queue as Lambda's event source mapping does, as the event it sends. */
  receive(): Promise<SQSEvent>;
  /**
   * Leaves the batch's jobs as a worker killed mid-job (the Lambda timeout) leaves them: each job
   * started (its document `processing`, its key running in the jobs table) and nothing recorded or
   * released, so the message comes back only when its visibility timeout ends. For the sweeper's
   * test: "a job killed mid-way is re-enqueued by the sweeper and ends ready".
   */
  killMidJob(batch: SQSEvent): Promise<void>;
  /** Deletes an object from the bucket (a test's fault). */
  deleteObject(key: string): Promise<void>;
  /** Puts an object back. */
  putObject(key: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts the servers, creates the tables, bucket and queues, and composes the Lambda root over them. */
export const startAwsJobWorld = async (options: AwsJobWorldOptions = {}): Promise<AwsJobWorld> => {
  const [dynamo, s3, sqs, openSearch, bedrock] = await Promise.all([
    startDynalite(),
    startS3TestServer(),
    startSqsTestServer(),
    startOpenSearchTestServer({ unscripted: 'empty-collection' }),
    startBedrockTestServer(),
  ]);
  const [tables, bucket, queues] = await Promise.all([
    dynamo.createTables(),
    s3.createBucket(),
    createSqsJobResources(sqs, dynamo, options.maxReceiveCount),
  ]);
  const config = loadAwsConfig({
    AWS_REGION: 'us-east-1',
    DOCENT_DOCUMENTS_TABLE: tables.documents,
    DOCENT_HISTORY_TABLE: tables.queryHistory,
    DOCENT_USERS_TABLE: 'unused-users',
    DOCENT_LOGIN_ATTEMPTS_TABLE: 'unused-login-attempts',
    DOCENT_BUCKET: bucket,
    DOCENT_OPENSEARCH_ENDPOINT: openSearch.node,
    DOCENT_EMBEDDING_DIMENSIONS: '256',
    DOCENT_USER_POOL_ID: 'us-east-1_Unused',
    DOCENT_USER_POOL_CLIENT_ID: 'unused',
    DOCENT_LLM: 'extractive',
    DOCENT_JOBS_QUEUE_URL: queues.queueUrl,
    DOCENT_JOBS_DLQ_URL: queues.dlqUrl,
    DOCENT_JOBS_TABLE: queues.jobsTable,
  });
  const s3Client = s3.client(1);
  const embedder = countingEmbedder(
    new TitanEmbedder({
      region: 'us-east-1',
      endpoint: bedrock.baseUrl,
      credentials: TEST_CREDENTIALS,
      dimensions: 256,
    }),
  );
  const container: Resolver = composeLambda(config, undefined, {
    clients: { dynamo: dynamo.client, sqs: sqs.client, s3: s3Client, openSearch: testClient(openSearch) },
    ports: { Embedder: embedder, ...(options.clock === undefined ? {} : { Clock: options.clock }) },
  });
  const observability = createObservability();
  const processing = createProcessingHandler({
    processUploaded: async () => container.get(TOKENS.ProcessUploadedDocument),
    observability,
  });
  const worker = createWorkerHandler({
    worker: async () => ({ deliveries: container.get(JOB_DELIVERIES), runner: container.get(TOKENS.JobRunner) }),
    observability,
    ...(options.reserveMs === undefined ? {} : { reserveMs: options.reserveMs }),
  });
  return {
    container,
    embedder,
    openSearch,
    processing,
    worker,
    sqs,
    queues,
    async upload(ownerId, name, text) {
      const bytes = new TextEncoder().encode(text);
      const { document } = await container
        .get(TOKENS.RequestUpload)
        .execute(
          { userId: ownerId, email: `${ownerId}@example.org` },
          { name, size: bytes.byteLength, contentType: 'text/plain' },
        );
      await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: document.blobKey, Body: bytes }));
      return { documentId: document.id, blobKey: document.blobKey, event: await objectCreatedEvent(document.blobKey) };
    },
    async receive() {
      const { Messages = [] } = await sqs.client.send(
        new ReceiveMessageCommand({
          QueueUrl: queues.queueUrl,
          MaxNumberOfMessages: 10,
          MessageSystemAttributeNames: ['All'],
        }),
      );
      return {
        Records: Messages.map((message) => ({
          messageId: message.MessageId ?? '',
          receiptHandle: message.ReceiptHandle ?? '',
          body: message.Body ?? '',
          attributes: {
            ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
            SentTimestamp: message.Attributes?.SentTimestamp ?? '0',
            SenderId: 'AIDAEXAMPLE',
            ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? '0',
          },
          messageAttributes: {},
          md5OfBody: message.MD5OfBody ?? '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:jobs',
          awsRegion: 'us-east-1',
        })),
      };
    },
    async killMidJob(batch) {
      const deliveries = container.get(JOB_DELIVERIES);
      for (const record of batch.Records) {
        const delivery = {
          body: record.body,
          receiptHandle: record.receiptHandle,
          receiveCount: Number(record.attributes.ApproximateReceiveCount),
        };
        const job = await deliveries.take(delivery, { leaseMs: 60_000 });
        if (typeof job === 'string') throw new Error(`The delivery is ${job}, not a job to start.`);
        // Stops at the first check after the document went `processing`; unlike the worker, no release.
        await container.get(TOKENS.JobRunner).runJob(job, { signal: AbortSignal.abort() });
      }
    },
    async deleteObject(key) {
      await container.get(TOKENS.BlobStore).delete(key);
    },
    async putObject(key, text) {
      await s3Client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: new TextEncoder().encode(text) }));
    },
    async close() {
      s3Client.destroy();
      await Promise.all([dynamo.close(), s3.close(), sqs.close(), openSearch.close(), bedrock.close()]);
    },
  };
};
