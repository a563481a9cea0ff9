import { describeJobQueueContract, ManualClock } from '@docent/testing';
import { createTestSqsJobQueue, useSqsJobServers } from '../../test-support/sqs-job-world.ts';

// The SQS server reads the contract's clock, so visibility timeouts and delays move with it.
let clock = new ManualClock();
const servers = useSqsJobServers(() => clock);

describeJobQueueContract(
  'SqsJobQueue (SQS test server + dynalite)',
  async (contractClock) => {
    clock = contractClock;
    return { queue: (await createTestSqsJobQueue(servers.sqs(), servers.dynamo(), contractClock)).queue };
  },
  { order: 'best-effort', claimByName: false },
);
