import { describeLlmGatewayContract, startChatTestServer } from '@docent/testing';
import { OpenAiCompatibleLlm } from './openai-compatible-llm.ts';

describeLlmGatewayContract('OpenAiCompatibleLlm (local HTTP server)', async () => {
  const server = await startChatTestServer();
  const gateway = new OpenAiCompatibleLlm({
    baseUrl: server.baseUrl,
    model: 'test-model',
    maxRetries: 2,
    retryBaseDelayMs: 1,
    pricing: { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  });
  return { gateway, script: server.script, received: server.received, cleanup: () => server.close() };
});
