import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders, IncomingMessage, Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';

/** The part of s3rver 3 used here (it ships no types). */
interface S3rver {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer: Server;
}
type S3rverConstructor = new (options: Record<string, unknown>) => S3rver;

/** One request as it reached the server. */
export interface ReceivedS3Request {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
}

/** A running s3rver on 127.0.0.1 with a fresh data folder. */
export interface S3TestServer {
  /** `http://127.0.0.1:{port}`. */
  endpoint: string;
  /** Every request so far, oldest first. */
  received: ReceivedS3Request[];
  /** A client for the server (path-style, s3rver's own credentials); `maxAttempts` 1 unless given. */
  client(maxAttempts?: number): S3Client;
  /** Creates a bucket with a new name and returns the name. */
  createBucket(): Promise<string>;
  /** Stops the server and deletes its folder. */
  close(): Promise<void>;
}

/** s3rver accepts any V4 signature whose access key it knows, and it knows only this one. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

let buckets = 0;

/** Starts s3rver 3.7.1 in-process (silent, port 0), recording the requests it receives. */
export const startS3TestServer = async (): Promise<S3TestServer> => {
  const directory = mkdtempSync(path.join(tmpdir(), 'docent-s3rver-'));
  const S3rverClass = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const server = new S3rverClass({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  const received: ReceivedS3Request[] = [];
  server.httpServer.on('request', (request: IncomingMessage) => {
    received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = (maxAttempts = 1): S3Client =>
    new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: S3RVER_CREDENTIALS, maxAttempts });
  const admin = client();
  return {
    endpoint,
    received,
    client,
    async createBucket() {
      buckets += 1;
      const name = `docent-test-${process.pid}-${buckets}`;
      await admin.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    async close() {
      admin.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
};
