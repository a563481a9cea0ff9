import { describeJobQueueContract, ManualClock } from '@docent/testing';
import { afterAll, beforeAll } from 'vitest';
import { type DynaliteTestServer, startDynalite } from '../../test-support/dynalite-test-server.ts';
import { createTestSqsJobQueue } from '../../test-support/sqs-job-world.ts';
import { type SqsTestServer, startSqsTestServer } from '../../test-support/sqs-test-server.ts';

// The SQS server reads the contract's clock, so visibility timeouts and delays move with it.
let clock = new ManualClock();
let sqs: SqsTestServer;
let dynamo: DynaliteTestServer;
beforeAll(async () => {
  [sqs, dynamo] = await Promise.all([startSqsTestServer(() => clock.now().getTime()), startDynalite()]);
});
afterAll(async () => {
  await Promise.all([sqs.close(), dynamo.close()]);
});

describeJobQueueContract(
  'SqsJobQueue (SQS test server + dynalite)',
  async (contractClock) => {
    clock = contractClock;
    return { queue: (await createTestSqsJobQueue(sqs, dynamo, contractClock)).queue };
  },
  { order: 'best-effort' },
);
