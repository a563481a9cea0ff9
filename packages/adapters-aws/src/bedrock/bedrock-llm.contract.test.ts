import { describeLlmGatewayContract } from '@docent/testing';
import { startBedrockTestServer } from '../../test-support/bedrock-test-server.ts';
import type { BedrockApi } from './bedrock-calls.ts';
import { BedrockLlm } from './bedrock-llm.ts';

for (const api of ['invoke', 'converse'] satisfies BedrockApi[]) {
  describeLlmGatewayContract(`BedrockLlm (api ${api}, local Bedrock server)`, async () => {
    const server = await startBedrockTestServer();
    const gateway = new BedrockLlm({
      api,
      region: 'eu-central-1',
      endpoint: server.baseUrl,
      credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-test-secret' },
      maxRetries: 2,
      retryBaseDelayMs: 2,
      timeoutMs: 5_000,
    });
    return { gateway, script: server.script, received: server.received, cleanup: () => server.close() };
  });
}
