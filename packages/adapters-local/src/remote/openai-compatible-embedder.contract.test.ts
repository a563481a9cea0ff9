import { describeEmbedderContract } from '@docent/testing';
import { startEmbeddingTestServer } from '../../test-support/embedding-test-server.ts';
import { OpenAiCompatibleEmbedder } from './openai-compatible-embedder.ts';

describeEmbedderContract('OpenAiCompatibleEmbedder (local HTTP server)', async () => {
  const server = await startEmbeddingTestServer(64);
  const embedder = new OpenAiCompatibleEmbedder({ baseUrl: server.baseUrl, model: 'trigram-test', dimensions: 64 });
  return { embedder, cleanup: () => server.close() };
});

describeEmbedderContract('OpenAiCompatibleEmbedder (batches of 2, prefixes)', async () => {
  const server = await startEmbeddingTestServer(32);
  const embedder = new OpenAiCompatibleEmbedder({
    baseUrl: `${server.baseUrl}/`,
    model: 'trigram-test',
    dimensions: 32,
    batchSize: 2,
    queryPrefix: 'query: ',
    passagePrefix: 'passage: ',
  });
  return { embedder, cleanup: () => server.close() };
});
