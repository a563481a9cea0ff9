import { createHash } from 'node:crypto';
import type { Client } from '@opensearch-project/opensearch';
import { expect } from 'vitest';
import { createOpenSearchClient, type OpenSearchClientOptions } from '../src/opensearch/opensearch-client.ts';
import { expectedSigV4Signature, parseSigV4 } from './bedrock-test-sigv4.ts';
import type { OpenSearchTestServer, RecordedOpenSearchRequest } from './opensearch-test-server.ts';

/** Static fake credentials: the test server checks signatures made with them. */
export const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' };
/** The region the test clients sign for. */
export const TEST_REGION = 'eu-west-1';

/** A signing client for the test server; no transport retries, so every request is one the test scripted. */
export const testClient = (server: OpenSearchTestServer, options: Partial<OpenSearchClientOptions> = {}): Client =>
  createOpenSearchClient({
    node: server.node,
    region: TEST_REGION,
    credentials: async () => TEST_CREDENTIALS,
    maxRetries: 0,
    ...options,
  });

/**
 * Asserts that a request carries a valid SigV4 signature for service `aoss` in the test region: the
 * body hash in `x-amz-content-sha256` (signed, as AOSS requires) and the signature recomputed from
 * the received method, path, headers and body.
 */
export const expectAossSignature = (request: RecordedOpenSearchRequest): void => {
  const auth = parseSigV4(request.headers.authorization);
  expect(auth).toMatchObject({ accessKeyId: TEST_CREDENTIALS.accessKeyId, region: TEST_REGION, service: 'aoss' });
  expect(auth?.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date']));
  expect(request.headers['x-amz-content-sha256']).toBe(createHash('sha256').update(request.rawBody).digest('hex'));
  expect(expectedSigV4Signature(request, TEST_CREDENTIALS.secretAccessKey)).toBe(auth?.signature);
};
