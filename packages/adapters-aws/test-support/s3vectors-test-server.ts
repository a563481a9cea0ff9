import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3VectorsClient } from '@aws-sdk/client-s3vectors';
import { expectedSigV4Signature, parseSigV4 } from './bedrock-test-sigv4.ts';
import { S3VectorsTestError, type TestIndexSpec, TestVectorIndex } from './s3vectors-test-index.ts';

/** Static fake credentials: the server checks every request's signature made with them. */
export const S3VECTORS_TEST_CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };
const REGION = 'us-east-1';

/** One request as received: the operation (the path) and its JSON body. */
export interface RecordedS3VectorsRequest {
  operation: string;
  body: Record<string, unknown>;
}

/** An error answer to inject: the status and the error name (`x-amzn-errortype`). */
export interface S3VectorsFault {
  status: number;
  type: string;
}

/** A protocol-level S3 Vectors server on 127.0.0.1 and what the tests do with it. */
export interface S3VectorsTestServer {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  /** Every request received, oldest first. */
  requests: RecordedS3VectorsRequest[];
  /** Creates an empty index (as CreateIndex or CloudFormation would) and returns it. */
  createIndex(vectorBucketName: string, indexName: string, spec: TestIndexSpec): TestVectorIndex;
  /** Answers the next request for `operation` with `fault` instead of running it. */
  failNext(operation: string, fault: S3VectorsFault): void;
  /** A client of the server with the test credentials and no retries (tests see each failure). */
  client(): S3VectorsClient;
  close(): Promise<void>;
}

const OPERATIONS: Record<string, (index: TestVectorIndex, body: Record<string, unknown>) => object> = {
  '/PutVectors': (index, body) => {
    index.put(body.vectors);
    return {};
  },
  '/QueryVectors': (index, body) => ({ vectors: index.query(body), distanceMetric: 'cosine' }),
  '/DeleteVectors': (index, body) => {
    index.delete(body.keys);
    return {};
  },
  '/GetVectors': (index, body) => ({ vectors: index.get(body) }),
};

const MAX_PAYLOAD_BYTES = 20 * 1024 * 1024;

const checkSignature = (request: { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string }) => {
  const auth = parseSigV4(request.headers.authorization);
  const valid =
    auth?.service === 's3vectors' &&
    auth.accessKeyId === S3VECTORS_TEST_CREDENTIALS.accessKeyId &&
    expectedSigV4Signature(request, S3VECTORS_TEST_CREDENTIALS.secretAccessKey) === auth.signature;
  if (!valid) throw new S3VectorsTestError('AccessDeniedException', 403, 'The request signature does not match');
};

/**
 * Starts an S3 Vectors server speaking the service's REST-JSON protocol (POST /PutVectors, /QueryVectors,
 * /DeleteVectors, /GetVectors with JSON bodies; errors as `x-amzn-errortype` plus `{message}`). Every
 * request must be SigV4-signed for service `s3vectors` with the test credentials.
 */
export const startS3VectorsTestServer = async (): Promise<S3VectorsTestServer> => {
  const indexes = new Map<string, TestVectorIndex>();
  const faults = new Map<string, S3VectorsFault>();
  const requests: RecordedS3VectorsRequest[] = [];
  const clients: S3VectorsClient[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const path = request.url ?? '/';
      const reply = (status: number, body: object, type?: string) => {
        response.writeHead(status, {
          'content-type': 'application/json',
          'x-amz-request-id': `TEST-${requests.length}`,
          ...(type === undefined ? {} : { 'x-amzn-errortype': type }),
        });
        response.end(JSON.stringify(body));
      };
      try {
        checkSignature({ method: request.method ?? 'GET', path, headers: request.headers, rawBody });
        const body = (rawBody === '' ? {} : JSON.parse(rawBody)) as Record<string, unknown>;
        requests.push({ operation: path.slice(1), body });
        const fault = faults.get(path.slice(1));
        if (fault !== undefined) {
          faults.delete(path.slice(1));
          throw new S3VectorsTestError(fault.type, fault.status, 'Injected by the test');
        }
        const run = OPERATIONS[path];
        if (request.method !== 'POST' || run === undefined) {
          throw new S3VectorsTestError('ValidationException', 400, `Unsupported operation ${request.method} ${path}`);
        }
        if (Buffer.byteLength(rawBody) > MAX_PAYLOAD_BYTES) {
          throw new S3VectorsTestError('ValidationException', 400, 'The request payload exceeds 20 MiB');
        }
        const index = indexes.get(`${body.vectorBucketName}/${body.indexName}`);
        if (index === undefined) throw new S3VectorsTestError('NotFoundException', 404, 'The index does not exist');
        reply(200, run(index, body));
      } catch (error) {
        if (error instanceof S3VectorsTestError) reply(error.status, { message: error.message }, error.type);
        else reply(500, { message: String(error) }, 'InternalServerException');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    requests,
    createIndex(vectorBucketName, indexName, spec) {
      const index = new TestVectorIndex(spec);
      indexes.set(`${vectorBucketName}/${indexName}`, index);
      return index;
    },
    failNext(operation, fault) {
      faults.set(operation, fault);
    },
    client() {
      const client = new S3VectorsClient({
        endpoint,
        region: REGION,
        credentials: S3VECTORS_TEST_CREDENTIALS,
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async close() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
};
