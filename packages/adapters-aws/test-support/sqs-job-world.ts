import type { Clock } from '@docent/domain';
import { afterAll, beforeAll } from 'vitest';
import { createJobsTable } from '../src/sqs/job-key-table.ts';
import { SqsJobQueue, type SqsJobQueueOptions } from '../src/sqs/sqs-job-queue.ts';
import { type DynaliteTestServer, startDynalite } from './dynalite-test-server.ts';
import { type SqsTestServer, startSqsTestServer } from './sqs-test-server.ts';

/** A fresh queue, its dead-letter queue (redrive after `maxReceiveCount` receives) and a jobs table. */
export interface SqsJobResources {
  queueUrl: string;
  dlqUrl: string;
  jobsTable: string;
}

let tables = 0;

/** Creates a queue with a DLQ on the SQS test server and a jobs table on dynalite. */
export const createSqsJobResources = async (
  sqs: SqsTestServer,
  dynamo: DynaliteTestServer,
  maxReceiveCount = 5,
): Promise<SqsJobResources> => {
  const dlq = await sqs.createQueue();
  const queue = await sqs.createQueue({
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount }),
  });
  tables += 1;
  const jobsTable = `jobs-${tables}-${crypto.randomUUID().slice(0, 8)}`;
  await createJobsTable(dynamo.client, jobsTable);
  return { queueUrl: queue.url, dlqUrl: dlq.url, jobsTable };
};

/** An SqsJobQueue over fresh resources on the two test servers. */
export const createTestSqsJobQueue = async (
  sqs: SqsTestServer,
  dynamo: DynaliteTestServer,
  clock: Clock,
  options: Partial<SqsJobQueueOptions> = {},
): Promise<{ queue: SqsJobQueue; resources: SqsJobResources }> => {
  const resources = await createSqsJobResources(sqs, dynamo);
  const queue = new SqsJobQueue({ sqs: sqs.client, dynamo: dynamo.client, clock, ...resources, ...options });
  return { queue, resources };
};

/**
 * Starts the SQS test server and dynalite for a test file (closed after all its tests). The SQS
 * server reads time from `clock()`, so visibility timeouts and delays move with the test's clock.
 */
export const useSqsJobServers = (
  clock: () => Clock,
): { sqs: () => SqsTestServer; dynamo: () => DynaliteTestServer } => {
  let sqs: SqsTestServer | undefined;
  let dynamo: DynaliteTestServer | undefined;
  beforeAll(async () => {
    [sqs, dynamo] = await Promise.all([startSqsTestServer(() => clock().now().getTime()), startDynalite()]);
  });
  afterAll(async () => {
    await Promise.all([sqs?.close(), dynamo?.close()]);
  });
  const started = <T>(server: T | undefined): T => {
    if (server === undefined) throw new Error('The servers start before the tests');
    return server;
  };
  return { sqs: () => started(sqs), dynamo: () => started(dynamo) };
};
