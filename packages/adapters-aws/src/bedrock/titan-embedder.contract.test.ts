import { describeEmbedderContract } from '@docent/testing';
import { startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import { TitanEmbedder } from './titan-embedder.ts';
import type { TitanDimensions } from './titan-payload.ts';

for (const dimensions of [1024, 256] satisfies TitanDimensions[]) {
  describeEmbedderContract(`TitanEmbedder (${dimensions} dimensions, local Bedrock server)`, async () => {
    const server = await startBedrockTestServer();
    const embedder = new TitanEmbedder({
      dimensions,
      region: 'us-east-1',
      endpoint: server.baseUrl,
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' },
      retryBaseDelayMs: 2,
      timeoutMs: 5_000,
    });
    return { embedder, cleanup: () => server.close() };
  });
}
