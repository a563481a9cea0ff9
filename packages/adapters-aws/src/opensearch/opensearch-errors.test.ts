import { createServer } from 'node:net';
import { DocentError } from '@docent/domain';
import { expectDocentError } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { TEST_REGION } from '../../test-support/opensearch-test-client.ts';
import { createOpenSearchClient } from './opensearch-client.ts';
import { toDocentError } from './opensearch-errors.ts';
import { OpenSearchLexicalIndex } from './opensearch-lexical-index.ts';

/** A port nothing listens on any more. */
const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
};

const search = (index: OpenSearchLexicalIndex) => index.search({ ownerId: 'u', text: 'lamp', limit: 1 });

describe('OpenSearch failures without an answer', () => {
  it('maps an unreachable collection to retryable unavailable', async () => {
    const client = createOpenSearchClient({
      node: `http://127.0.0.1:${await closedPort()}`,
      region: TEST_REGION,
      credentials: async () => ({ accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' }),
      maxRetries: 0,
    });
    const error = await expectDocentError(search(new OpenSearchLexicalIndex({ client })), 'unavailable');
    expect(error).toMatchObject({ retryable: true, details: { error: 'ConnectionError' } });
  });

  it('maps missing credentials to a non-retryable internal_error', async () => {
    const client = createOpenSearchClient({
      node: `http://127.0.0.1:${await closedPort()}`,
      region: TEST_REGION,
      credentials: () => Promise.reject(new Error('Could not load credentials from any providers')),
      maxRetries: 0,
    });
    const error = await expectDocentError(search(new OpenSearchLexicalIndex({ client })), 'internal_error');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Could not load credentials');
  });

  it('passes a DocentError through unchanged', () => {
    const original = new DocentError('validation_failed', 'bad');
    expect(toDocentError(original, 'anything')).toBe(original);
  });
});
