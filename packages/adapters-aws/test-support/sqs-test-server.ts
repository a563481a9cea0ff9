import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { listenLocally, localClientConfig } from './local-client-config.ts';

/**
 * A small SQS speaking the AWS JSON 1.0 protocol of the v3 SDK (`X-Amz-Target: AmazonSQS.<Op>`),
 * in memory, reading time from `now` so tests can move it: delays, visibility timeouts, receive
 * counts, redrive to a dead-letter queue after `maxReceiveCount`, message groups and attributes,
 * the queue-depth attributes. No npm package speaks this protocol today (ElasticMQ and
 * goaws need a JVM or Go; the JS ones speak the retired XML query protocol). Long polling is not
 * emulated: `WaitTimeSeconds` is ignored and an empty queue answers at once.
 */
export interface SqsTestServer {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  /** A client of the server with fake credentials and no retries (tests see each failure). */
  client: SQSClient;
  /** Creates a queue with a unique name (and attributes, e.g. a `RedrivePolicy`); returns its URL and ARN. */
  createQueue(attributes?: Record<string, string>): Promise<{ url: string; arn: string }>;
  /** Every operation received so far, oldest first (e.g. `SendMessage`). */
  operations: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

interface StoredMessage {
  id: string;
  body: string;
  attributes: Record<string, unknown> | undefined;
  groupId: string | undefined;
  sentAt: number;
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt: number | undefined;
  /** The handle of the latest receive; only it may change the visibility. */
  receiptHandle: string | undefined;
  /** True once received: a delayed message that was never received is "delayed", not "not visible". */
  received: boolean;
}

interface Queue {
  name: string;
  arn: string;
  messages: StoredMessage[];
  visibilityTimeoutS: number;
  redrive: { targetArn: string; maxReceiveCount: number } | undefined;
  attributes: Record<string, string>;
}

type Body = Record<string, unknown>;

class SqsFault extends Error {
  readonly type: string;
  readonly status: number;
  constructor(type: string, message: string, status = 400) {
    super(message);
    this.type = type;
    this.status = status;
  }
}

const md5 = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');
const ACCOUNT = '000000000000';
let queueCount = 0;

/** Starts the server on a free port of 127.0.0.1; `now` defaults to the wall clock. */
export const startSqsTestServer = async (now: () => number = Date.now): Promise<SqsTestServer> => {
  const queues = new Map<string, Queue>();
  const operations: string[] = [];
  let endpoint = '';

  const queueOf = (body: Body): Queue => {
    const name = String(body.QueueUrl ?? '')
      .split('/')
      .pop();
    const queue = name === undefined ? undefined : queues.get(name);
    if (queue === undefined) throw new SqsFault('com.amazonaws.sqs#QueueDoesNotExist', 'The queue does not exist.');
    return queue;
  };
  const byArn = (arn: string): Queue | undefined => [...queues.values()].find((queue) => queue.arn === arn);
  const urlOf = (queue: Queue): string => `${endpoint}/${ACCOUNT}/${queue.name}`;

  const createQueue = (body: Body) => {
    const name = String(body.QueueName);
    const attributes = (body.Attributes ?? {}) as Record<string, string>;
    const redrive = attributes.RedrivePolicy === undefined ? undefined : JSON.parse(attributes.RedrivePolicy);
    queues.set(name, {
      name,
      arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}`,
      messages: [],
      visibilityTimeoutS: Number(attributes.VisibilityTimeout ?? 30),
      redrive:
        redrive === undefined
          ? undefined
          : { targetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) },
      attributes,
    });
    return { QueueUrl: `${endpoint}/${ACCOUNT}/${name}` };
  };

  const send = (queue: Queue, body: Body) => {
    const text = String(body.MessageBody ?? '');
    if (text === '') throw new SqsFault('com.amazonaws.sqs#InvalidParameterValue', 'The message body is empty.');
    const delayS = Number(body.DelaySeconds ?? 0);
    if (!(delayS >= 0 && delayS <= 900)) {
      throw new SqsFault('com.amazonaws.sqs#InvalidParameterValue', 'DelaySeconds must be 0 to 900.');
    }
    const message: StoredMessage = {
      id: randomUUID(),
      body: text,
      attributes: body.MessageAttributes as Record<string, unknown> | undefined,
      groupId: body.MessageGroupId === undefined ? undefined : String(body.MessageGroupId),
      sentAt: now(),
      visibleAt: now() + delayS * 1000,
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
      received: false,
    };
    queue.messages.push(message);
    return { MessageId: message.id, MD5OfMessageBody: md5(text) };
  };

  const receive = (queue: Queue, body: Body) => {
    const max = Number(body.MaxNumberOfMessages ?? 1);
    const visibilityS = Number(body.VisibilityTimeout ?? queue.visibilityTimeoutS);
    if (!(visibilityS >= 0 && visibilityS <= 43_200)) {
      throw new SqsFault('com.amazonaws.sqs#InvalidParameterValue', 'VisibilityTimeout must be 0 to 43200.');
    }
    const out = [];
    for (const message of [...queue.messages]) {
      if (out.length >= max) break;
      if (message.visibleAt > now()) continue;
      const target = queue.redrive === undefined ? undefined : byArn(queue.redrive.targetArn);
      if (
        target !== undefined &&
        queue.redrive !== undefined &&
        message.receiveCount >= queue.redrive.maxReceiveCount
      ) {
        // Redrive: a message received maxReceiveCount times without being deleted moves to the DLQ.
        queue.messages.splice(queue.messages.indexOf(message), 1);
        target.messages.push({ ...message, visibleAt: now(), receiptHandle: undefined });
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now();
      message.visibleAt = now() + visibilityS * 1000;
      message.receiptHandle = `${message.id}:${randomUUID()}`;
      message.received = true;
      out.push({
        MessageId: message.id,
        ReceiptHandle: message.receiptHandle,
        MD5OfBody: md5(message.body),
        Body: message.body,
        Attributes: {
          ApproximateReceiveCount: String(message.receiveCount),
          SentTimestamp: String(message.sentAt),
          ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt),
          ...(message.groupId === undefined ? {} : { MessageGroupId: message.groupId }),
        },
        ...(message.attributes === undefined ? {} : { MessageAttributes: message.attributes }),
      });
    }
    return out.length === 0 ? {} : { Messages: out };
  };

  const byHandle = (queue: Queue, body: Body): StoredMessage | undefined => {
    const handle = String(body.ReceiptHandle ?? '');
    if (!handle.includes(':')) throw new SqsFault('com.amazonaws.sqs#ReceiptHandleIsInvalid', 'Invalid handle.');
    return queue.messages.find((message) => message.id === handle.split(':')[0]);
  };

  const changeVisibility = (queue: Queue, body: Body) => {
    const message = byHandle(queue, body);
    if (message === undefined || message.receiptHandle !== body.ReceiptHandle || message.visibleAt <= now()) {
      throw new SqsFault('com.amazonaws.sqs#MessageNotInflight', 'The message is not in flight.');
    }
    message.visibleAt = now() + Number(body.VisibilityTimeout) * 1000;
    return {};
  };

  const attributesOf = (queue: Queue) => {
    const at = now();
    const count = (test: (message: StoredMessage) => boolean) => String(queue.messages.filter(test).length);
    return {
      Attributes: {
        ...queue.attributes,
        QueueArn: queue.arn,
        ApproximateNumberOfMessages: count((m) => m.visibleAt <= at),
        ApproximateNumberOfMessagesNotVisible: count((m) => m.visibleAt > at && m.received),
        ApproximateNumberOfMessagesDelayed: count((m) => m.visibleAt > at && !m.received),
      },
    };
  };

  const operationsTable: Record<string, (body: Body) => unknown> = {
    CreateQueue: createQueue,
    GetQueueUrl: (body) => {
      const queue = queues.get(String(body.QueueName));
      if (queue === undefined) throw new SqsFault('com.amazonaws.sqs#QueueDoesNotExist', 'No such queue.');
      return { QueueUrl: urlOf(queue) };
    },
    SendMessage: (body) => send(queueOf(body), body),
    ReceiveMessage: (body) => receive(queueOf(body), body),
    DeleteMessage: (body) => {
      const queue = queueOf(body);
      const message = byHandle(queue, body);
      // Like SQS, deleting a message that is already gone succeeds.
      if (message !== undefined) queue.messages.splice(queue.messages.indexOf(message), 1);
      return {};
    },
    ChangeMessageVisibility: (body) => changeVisibility(queueOf(body), body),
    GetQueueAttributes: (body) => attributesOf(queueOf(body)),
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
    operations.push(operation);
    let status = 200;
    let reply: unknown;
    try {
      const run = operationsTable[operation];
      if (run === undefined) throw new SqsFault('com.amazonaws.sqs#UnsupportedOperation', `${target} unsupported.`);
      reply = run(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Body);
    } catch (error) {
      const fault = error instanceof SqsFault ? error : new SqsFault('InternalFailure', String(error), 500);
      status = fault.status;
      reply = { __type: fault.type, message: fault.message };
    }
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
    response.end(JSON.stringify(reply));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  endpoint = await listenLocally(server);
  const client = new SQSClient(localClientConfig(endpoint));
  return {
    endpoint,
    client,
    operations,
    async createQueue(attributes = {}) {
      queueCount += 1;
      const name = `q${queueCount}-${randomUUID().slice(0, 8)}`;
      const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
      return { url: QueueUrl ?? '', arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:${name}` };
    },
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
