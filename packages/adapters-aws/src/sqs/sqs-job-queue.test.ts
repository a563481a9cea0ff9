import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { ManualClock, makeJobSpec } from '@docent/testing';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DynaliteTestServer } from '../../test-support/dynalite-test-server.ts';
import { createSqsJobResources, createTestSqsJobQueue, useSqsJobServers } from '../../test-support/sqs-job-world.ts';
import type { SqsTestServer } from '../../test-support/sqs-test-server.ts';
import { SqsJobQueue } from './sqs-job-queue.ts';

const MINUTE = 60_000;
const clock = new ManualClock();
const servers = useSqsJobServers(() => clock);
let sqs: SqsTestServer;
let dynamo: DynaliteTestServer;
beforeAll(() => {
  sqs = servers.sqs();
  dynamo = servers.dynamo();
});
beforeEach(() => clock.set('2024-01-01T00:00:00.000Z'));

const receiveAll = async (queueUrl: string) =>
  (
    await sqs.client.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] }),
    )
  ).Messages ?? [];

describe('SqsJobQueue', () => {
  it('sends a given-up job to the dead-letter queue with its failure', async () => {
    const { queue, resources } = await createTestSqsJobQueue(sqs, dynamo, clock);
    const spec = makeJobSpec({ group: 'ann' });
    const { id } = await queue.enqueue(spec);
    await queue.claim({ leaseMs: MINUTE });
    const failure = { code: 'encrypted_pdf', message: 'Encrypted.', retryable: false };
    expect(await queue.fail(id, failure)).toBe('dead');
    const [dead] = await receiveAll(resources.dlqUrl);
    expect(JSON.parse(dead?.Body ?? '')).toEqual({
      id,
      name: spec.name,
      key: spec.key,
      payload: spec.payload,
      maxAttempts: 3,
      group: 'ann',
      failedRuns: 0,
      failure,
    });
  });

  it('sends the group as the message group, so a standard queue serves groups fairly', async () => {
    const { queue, resources } = await createTestSqsJobQueue(sqs, dynamo, clock);
    await queue.enqueue(makeJobSpec({ group: 'bob' }));
    await queue.enqueue(makeJobSpec());
    const groups = (await receiveAll(resources.queueUrl)).map((message) => message.Attributes?.MessageGroupId);
    expect(groups).toEqual(['bob', undefined]);
  });

  it('deletes a left-over message of a finished job instead of running it again', async () => {
    const { queue, resources } = await createTestSqsJobQueue(sqs, dynamo, clock);
    const { id } = await queue.enqueue(makeJobSpec());
    const job = await queue.claim({ leaseMs: MINUTE });
    // SQS delivers at least once: a copy of the message outlives the job.
    const [copy] = await Promise.all([
      sqs.client.send(
        new SendMessageCommand({
          QueueUrl: resources.queueUrl,
          MessageBody: JSON.stringify({ ...job, failedRuns: 0 }),
        }),
      ),
      queue.complete(id),
    ]);
    expect(copy.MessageId).toBeDefined();
    expect(await queue.claim({ leaseMs: MINUTE })).toBeNull();
    clock.advance(2 * MINUTE);
    expect(await queue.stats()).toEqual({ queued: 0, running: 0, dead: 0 });
  });

  it('moves a message that is no job to the dead-letter queue, so it cannot block the queue', async () => {
    const { queue, resources } = await createTestSqsJobQueue(sqs, dynamo, clock);
    await sqs.client.send(new SendMessageCommand({ QueueUrl: resources.queueUrl, MessageBody: 'hello' }));
    const { id } = await queue.enqueue(makeJobSpec());
    expect((await queue.claim({ leaseMs: MINUTE }))?.id).toBe(id);
    expect((await receiveAll(resources.dlqUrl)).map((message) => message.Body)).toEqual(['hello']);
  });

  it("leaves runs that keep crashing to the queue's redrive policy: dead-lettered after maxReceiveCount", async () => {
    const resources = await createSqsJobResources(sqs, dynamo, 2);
    const queue = new SqsJobQueue({ sqs: sqs.client, dynamo: dynamo.client, clock, ...resources });
    await queue.enqueue(makeJobSpec({ maxAttempts: 5 }));
    for (const attempt of [1, 2]) {
      expect((await queue.claim({ leaseMs: 1000 }))?.attempt).toBe(attempt);
      clock.advance(1001);
    }
    expect(await queue.claim({ leaseMs: 1000 })).toBeNull();
    expect(await queue.stats()).toEqual({ queued: 0, running: 0, dead: 1 });
  });

  it('frees the key again when the job could not be sent, and says why', async () => {
    const resources = await createSqsJobResources(sqs, dynamo);
    const broken = new SqsJobQueue({
      sqs: sqs.client,
      dynamo: dynamo.client,
      clock,
      ...resources,
      queueUrl: `${sqs.endpoint}/000000000000/no-such-queue`,
    });
    const spec = makeJobSpec();
    await expect(broken.enqueue(spec)).rejects.toMatchObject({
      code: 'unavailable',
      retryable: false,
      details: { operation: 'SendMessage', awsError: 'QueueDoesNotExist' },
    });
    const queue = new SqsJobQueue({ sqs: sqs.client, dynamo: dynamo.client, clock, ...resources });
    expect((await queue.enqueue(spec)).created).toBe(true);
  });

  it('requeueRunning releases only what this instance runs: a fresh instance has nothing', async () => {
    const { queue, resources } = await createTestSqsJobQueue(sqs, dynamo, clock);
    await queue.enqueue(makeJobSpec());
    await queue.claim({ leaseMs: MINUTE });
    const other = new SqsJobQueue({ sqs: sqs.client, dynamo: dynamo.client, clock, ...resources });
    expect(await other.requeueRunning()).toBe(0);
    expect(await queue.requeueRunning()).toBe(1);
    expect((await other.claim({ leaseMs: MINUTE }))?.attempt).toBe(2);
  });

  it('costs one SQS call per step of a job: send, receive, delete', async () => {
    const { queue } = await createTestSqsJobQueue(sqs, dynamo, clock);
    const before = sqs.operations.length;
    const { id } = await queue.enqueue(makeJobSpec());
    await queue.claim({ leaseMs: MINUTE });
    await queue.complete(id);
    expect(sqs.operations.slice(before)).toEqual(['SendMessage', 'ReceiveMessage', 'DeleteMessage']);
  });
});
