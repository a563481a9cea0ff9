import { describe, expect, it } from 'vitest';
import { redact } from './config-check.ts';

describe('redact', () => {
  it('hides secret values at any depth and keeps the rest, including absent secrets', () => {
    const config = {
      port: 3000,
      embedder: { kind: 'openai-compatible', apiKey: 'sk-123', baseUrl: 'https://x' },
      oidc: { clientSecret: 'shh', issuer: 'https://id' },
      observability: { metricsToken: 'tok', metrics: true },
      llm: { apiKey: undefined },
      list: [{ password: 'p' }],
      llm2: { maxTokens: 512 },
    };
    expect(redact(config)).toEqual({
      port: 3000,
      embedder: { kind: 'openai-compatible', apiKey: '[redacted]', baseUrl: 'https://x' },
      oidc: { clientSecret: '[redacted]', issuer: 'https://id' },
      observability: { metricsToken: '[redacted]', metrics: true },
      llm: { apiKey: undefined },
      list: [{ password: '[redacted]' }],
      llm2: { maxTokens: 512 },
    });
  });
});
