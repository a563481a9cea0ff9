import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import {
  type ClaimOptions,
  type Clock,
  DocentError,
  type Job,
  type JobFailure,
  type JobQueue,
  type JobQueueStats,
  type JobSpec,
} from '@docent/domain';
import { JobKeyTable } from './job-key-table.ts';
import { withSqsErrors } from './sqs-errors.ts';
import { type JobMessage, jobOf, newJobMessage, parseJobMessage } from './sqs-job-message.ts';

/** Where the jobs live and how retries are spaced. */
export interface SqsJobQueueOptions {
  /** A configured SQS client (region, credentials, endpoint); never destroyed here. */
  sqs: SQSClient;
  /** The standard queue the worker drains. */
  queueUrl: string;
  /** The dead-letter queue given-up jobs are sent to; without one they are only deleted. */
  dlqUrl?: string;
  /** A configured DynamoDB client for the jobs table. */
  dynamo: DynamoDBClient;
  /** The jobs table (see `JOBS_TABLE`): job keys, for idempotent enqueueing and runs. */
  jobsTable: string;
  clock: Clock;
  /** First retry delay (default 2 s), doubled per failed run. */
  backoffBaseMs?: number;
  /** Longest retry delay (default and most: 15 minutes, SQS's longest message delay). */
  backoffMaxMs?: number;
  /** How long a key stays held after its job was enqueued or finished (default 14 days, SQS's longest retention). */
  keyRetentionMs?: number;
}

/** One message as SQS delivered it, to a `ReceiveMessage` call or in a Lambda event. */
export interface SqsDelivery {
  body: string | undefined;
  receiptHandle: string;
  /** `ApproximateReceiveCount`: how many times this message was delivered, this time included. */
  receiveCount: number;
}

interface InFlight {
  receiptHandle: string;
  message: JobMessage;
  attempt: number;
}

const MAX_DELAY_MS = 15 * 60 * 1000;
const MAX_VISIBILITY_S = 12 * 60 * 60;
// Deliveries skipped in one claim (left-over or duplicate messages) before it answers "nothing due".
const MAX_SKIPS = 10;

/** A lease as an SQS visibility timeout: whole seconds, at most SQS's 12 hours. */
const visibilitySeconds = (leaseMs: number): number =>
  Math.min(MAX_VISIBILITY_S, Math.max(0, Math.ceil(leaseMs / 1000)));

/**
 * The JobQueue on a standard SQS queue, with a DynamoDB jobs table for what SQS does not do:
 * - `enqueue` reserves the key with a conditional put (standard queues do not deduplicate), then
 *   sends the job; the key stays held while the job is queued, running or done, and a dead job frees it.
 * - `claim` is ReceiveMessage with the lease as visibility timeout; the table marks the job running,
 *   so a message delivered twice (SQS delivers at least once) or left over after its job finished is
 *   not run again. The job id is ours, stable across deliveries; the receipt handle stays in memory.
 * - `complete` deletes the message. `fail` sends a retry as a new message delayed by the backoff
 *   (so it counts as queued, not running), or the given-up job to the dead-letter queue, then
 *   deletes the old one. The queue's own redrive policy stays as the net for runs that crash.
 * - Order is SQS's: best effort, with the group as message group (fair queues) so one owner's
 *   backlog does not hold up others; not the exact order the local queue keeps.
 */
export class SqsJobQueue implements JobQueue {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #dlqUrl: string | undefined;
  readonly #keys: JobKeyTable;
  readonly #clock: Clock;
  readonly #backoffBaseMs: number;
  readonly #backoffMaxMs: number;
  readonly #retentionMs: number;
  readonly #inFlight = new Map<string, InFlight>();

  constructor(options: SqsJobQueueOptions) {
    this.#sqs = options.sqs;
    this.#queueUrl = options.queueUrl;
    this.#dlqUrl = options.dlqUrl;
    this.#keys = new JobKeyTable({ client: options.dynamo, tableName: options.jobsTable });
    this.#clock = options.clock;
    this.#backoffBaseMs = options.backoffBaseMs ?? 2_000;
    this.#backoffMaxMs = Math.min(MAX_DELAY_MS, options.backoffMaxMs ?? MAX_DELAY_MS);
    this.#retentionMs = options.keyRetentionMs ?? 14 * 24 * 60 * 60 * 1000;
  }

  async enqueue(spec: JobSpec): Promise<{ id: string; created: boolean }> {
    const sizeBytes = spec.sizeBytes ?? 0;
    if (!Number.isFinite(sizeBytes) || sizeBytes < 0) {
      throw new DocentError('validation_failed', 'sizeBytes must be a non-negative number');
    }
    const id = randomUUID();
    const now = this.#now();
    const holder = await this.#keys.reserve(spec.key, id, now, now + this.#retentionMs);
    if (holder !== null) return { id: holder, created: false };
    try {
      await this.#send(this.#queueUrl, newJobMessage(id, spec), 0);
    } catch (error) {
      await this.#keys.forget(spec.key, id);
      throw error;
    }
    return { id, created: true };
  }

  /**
   * Receives the next message and takes it. `names` is refused: SQS cannot receive by attribute,
   * and receiving then releasing another job's message would count as one of its attempts (the
   * worker Lambda runs every job it is delivered, so it never asks).
   */
  async claim(options: ClaimOptions): Promise<Job | null> {
    if (options.names !== undefined) {
      throw new DocentError('validation_failed', 'The SQS job queue cannot claim jobs by name.');
    }
    const visibility = visibilitySeconds(options.leaseMs);
    for (let skipped = 0; skipped < MAX_SKIPS; skipped++) {
      const { Messages } = await withSqsErrors('ReceiveMessage', () =>
        this.#sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: this.#queueUrl,
            MaxNumberOfMessages: 1,
            VisibilityTimeout: visibility,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        ),
      );
      const message = Messages?.[0];
      if (message?.ReceiptHandle === undefined) return null;
      const receiveCount = Number(message.Attributes?.ApproximateReceiveCount ?? 1);
      const taken = await this.take(
        { body: message.Body, receiptHandle: message.ReceiptHandle, receiveCount },
        { leaseMs: visibility * 1000 },
      );
      if (typeof taken !== 'string') return taken;
    }
    return null;
  }

  /**
   * Takes a delivered message for a run (the worker Lambda's messages come in its event, not from
   * `claim`). `stale` when there is nothing to run: the job finished or was given up (the left-over
   * message is deleted; a body that is no job goes to the dead-letter queue, or is deleted, so it
   * cannot block the queue). `busy` when another delivery of it is running: its message is left
   * alone and becomes visible again when that run's visibility timeout ends.
   */
  async take(delivery: SqsDelivery, options: { leaseMs: number }): Promise<Job | 'stale' | 'busy'> {
    let message: JobMessage;
    try {
      message = parseJobMessage(delivery.body);
    } catch {
      if (this.#dlqUrl !== undefined) await this.#sendRaw(this.#dlqUrl, delivery.body ?? '', 0);
      await this.#delete(delivery.receiptHandle);
      return 'stale';
    }
    const now = this.#now();
    const outcome = await this.#keys.take(message.key, message.id, now, now + options.leaseMs);
    if (outcome === 'stale') await this.#delete(delivery.receiptHandle);
    if (outcome !== 'started') return outcome;
    const job = jobOf(message, delivery.receiveCount);
    this.#inFlight.set(job.id, { receiptHandle: delivery.receiptHandle, message, attempt: job.attempt });
    return job;
  }

  async complete(jobId: string): Promise<void> {
    const running = this.#running(jobId);
    await this.#keys.settle(running.message.key, jobId, 'done', this.#now() + this.#retentionMs);
    await this.#delete(running.receiptHandle);
    this.#inFlight.delete(jobId);
  }

  async fail(jobId: string, failure: JobFailure): Promise<'retrying' | 'dead'> {
    const running = this.#running(jobId);
    const { message, attempt } = running;
    if (failure.retryable && attempt < message.maxAttempts) {
      const delayMs = Math.min(this.#backoffMaxMs, this.#backoffBaseMs * 2 ** (attempt - 1));
      await this.#send(this.#queueUrl, { ...message, failedRuns: attempt }, Math.ceil(delayMs / 1000));
      await this.#keys.settle(message.key, jobId, 'queued');
      await this.#delete(running.receiptHandle);
      this.#inFlight.delete(jobId);
      return 'retrying';
    }
    if (this.#dlqUrl !== undefined) await this.#sendRaw(this.#dlqUrl, JSON.stringify({ ...message, failure }), 0);
    await this.#keys.settle(message.key, jobId, 'dead', this.#now() + this.#retentionMs);
    await this.#delete(running.receiptHandle);
    this.#inFlight.delete(jobId);
    return 'dead';
  }

  /**
   * SQS has no "running" jobs to requeue at start-up: a crashed run's message becomes visible again
   * when its visibility timeout ends. What this does is release the jobs this instance holds (made
   * visible at once and due again in the jobs table), e.g. when it must stop before they finish;
   * it returns how many. A fresh instance holds none and returns 0.
   */
  async requeueRunning(): Promise<number> {
    const ids = [...this.#inFlight.keys()];
    for (const id of ids) await this.release(id);
    return ids.length;
  }

  /** Gives one job this instance runs back to the queue at once, for another delivery to run. */
  async release(jobId: string): Promise<void> {
    const running = this.#running(jobId);
    await this.#keys.settle(running.message.key, jobId, 'queued');
    await withSqsErrors('ChangeMessageVisibility', async () => {
      try {
        await this.#sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: this.#queueUrl,
            ReceiptHandle: running.receiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      } catch (error) {
        // Its visibility already ended (it may be delivered elsewhere by now): nothing to release.
        if (!(error instanceof Error && error.name === 'MessageNotInflight')) throw error;
      }
    });
    this.#inFlight.delete(jobId);
  }

  /**
   * From the queues' approximate counts (SQS updates them within about a minute): queued is visible
   * plus delayed (retries wait as delayed messages), running is in flight, dead is the DLQ's depth.
   */
  async stats(): Promise<JobQueueStats> {
    const queue = await this.#attributes(this.#queueUrl);
    const dlq = this.#dlqUrl === undefined ? {} : await this.#attributes(this.#dlqUrl);
    const count = (attributes: Record<string, string>, name: string) => Number(attributes[name] ?? 0);
    return {
      queued: count(queue, 'ApproximateNumberOfMessages') + count(queue, 'ApproximateNumberOfMessagesDelayed'),
      running: count(queue, 'ApproximateNumberOfMessagesNotVisible'),
      dead: count(dlq, 'ApproximateNumberOfMessages') + count(dlq, 'ApproximateNumberOfMessagesNotVisible'),
    };
  }

  #running(jobId: string): InFlight {
    const running = this.#inFlight.get(jobId);
    if (running === undefined) throw new DocentError('not_found', `This worker runs no job ${jobId}.`);
    return running;
  }

  #now(): number {
    return this.#clock.now().getTime();
  }

  async #send(queueUrl: string, message: JobMessage, delaySeconds: number): Promise<void> {
    await this.#sendRaw(queueUrl, JSON.stringify(message), delaySeconds, message.group);
  }

  async #sendRaw(queueUrl: string, body: string, delaySeconds: number, group?: string): Promise<void> {
    await withSqsErrors('SendMessage', () =>
      this.#sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: body,
          DelaySeconds: delaySeconds,
          // On a standard queue a message group makes it a fair queue: one group's backlog yields to others.
          ...(group === undefined || group === '' ? {} : { MessageGroupId: group }),
        }),
      ),
    );
  }

  async #delete(receiptHandle: string): Promise<void> {
    await withSqsErrors('DeleteMessage', () =>
      this.#sqs.send(new DeleteMessageCommand({ QueueUrl: this.#queueUrl, ReceiptHandle: receiptHandle })),
    );
  }

  async #attributes(queueUrl: string): Promise<Record<string, string>> {
    const { Attributes } = await withSqsErrors('GetQueueAttributes', () =>
      this.#sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      ),
    );
    return Attributes ?? {};
  }
}
