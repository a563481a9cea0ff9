import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** One scripted answer: an HTTP status and a JSON body (DynamoDB's wire format, AWS JSON 1.0). */
export interface DynamoReply {
  status: number;
  body: unknown;
}

/** One request as received: the operation (from `X-Amz-Target`) and its JSON body. */
export interface DynamoRequest {
  operation: string;
  body: Record<string, unknown>;
}

/** A local HTTP server that answers DynamoDB requests from a script, for failures dynalite cannot produce. */
export interface DynamoFaultServer {
  /** A client of the server with static fake credentials and no retries. */
  client: DynamoDBClient;
  /** Queues answers for the next requests, in order; with the queue empty the server answers 500. */
  script(...replies: DynamoReply[]): void;
  /** Every request so far, oldest first. */
  requests: DynamoRequest[];
  /** Destroys the client and stops the server. */
  close(): Promise<void>;
}

/** DynamoDB's error body: `{"__type": "com.amazonaws.dynamodb.v20120810#<name>", "message": ...}`. */
export const dynamoError = (status: number, name: string, message = `${name} from the fault server`): DynamoReply => ({
  status,
  body: { __type: `com.amazonaws.dynamodb.v20120810#${name}`, message },
});

/** Starts the server on 127.0.0.1 with a free port. */
export const startDynamoFaultServer = async (): Promise<DynamoFaultServer> => {
  const queue: DynamoReply[] = [];
  const requests: DynamoRequest[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      requests.push({ operation: target.split('.').at(-1) ?? '', body: JSON.parse(Buffer.concat(chunks).toString()) });
      const reply = queue.shift() ?? dynamoError(500, 'InternalServerError', 'The script is empty');
      response.writeHead(reply.status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': `fault-${requests.length}`,
      });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
    maxAttempts: 1,
  });
  return {
    client,
    script: (...replies) => queue.push(...replies),
    requests,
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
