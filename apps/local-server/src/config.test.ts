import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/docent');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/docent/data',
      maxUploadBytes: 50 * 1024 * 1024,
      embedder: { kind: 'use-lite' },
      llm: { kind: 'extractive' },
    });
  });

  it('reads and coerces every setting', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DOCENT_DATA_DIR: '/var/lib/docent',
        DOCENT_MAX_UPLOAD_MB: '2',
        DOCENT_EMBEDDER: 'hashing',
      },
      '/x',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/docent',
      maxUploadBytes: 2 * 1024 * 1024,
      embedder: { kind: 'hashing' },
    });
  });

  it('names every problem at once, including unknown DOCENT_ settings', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DOCENT_EMBEDDER: 'gpt', DOCENT_DATADIR: './x' }, '/x');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/^PORT:/m);
    expect(problems).toMatch(/^DOCENT_EMBEDDER:/m);
    expect(problems).toMatch(/^DOCENT_DATADIR: unknown setting/m);
  });

  it('builds the chosen embedder settings and names what a choice requires', () => {
    const remote = loadConfig(
      {
        DOCENT_EMBEDDER: 'openai-compatible',
        DOCENT_EMBEDDER_BASE_URL: 'http://127.0.0.1:11434/v1',
        DOCENT_EMBEDDER_MODEL: 'nomic-embed-text',
        DOCENT_EMBEDDER_DIMENSIONS: '768',
        DOCENT_RERANKER_MODEL_DIR: 'models/reranker',
      },
      '/srv',
    );
    expect(remote.embedder).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'nomic-embed-text',
      dimensions: 768,
    });
    expect(remote.rerankerModelDir).toBe('/srv/models/reranker');
    expect(loadConfig({ DOCENT_EMBEDDER: 'onnx', DOCENT_EMBEDDER_MODEL_DIR: 'm' }, '/srv').embedder).toEqual({
      kind: 'onnx',
      modelDir: '/srv/m',
    });
    expect(() => loadConfig({ DOCENT_EMBEDDER: 'openai-compatible', DOCENT_EMBEDDER_MODEL: 'x' }, '/srv')).toThrow(
      /DOCENT_EMBEDDER_BASE_URL: required[\s\S]*DOCENT_EMBEDDER_DIMENSIONS: required/,
    );
  });

  it('builds the chosen model settings and names what a choice requires', () => {
    expect(
      loadConfig(
        {
          DOCENT_LLM: 'openai-compatible',
          DOCENT_LLM_BASE_URL: 'http://127.0.0.1:11434/v1',
          DOCENT_LLM_MODEL: 'llama3.1',
          DOCENT_LLM_API_KEY: 'sk-test',
          DOCENT_LLM_PRICE_INPUT: '0.5',
          DOCENT_LLM_PRICE_OUTPUT: '1.5',
        },
        '/srv',
      ).llm,
    ).toEqual({
      kind: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: 'sk-test',
      timeoutMs: 60_000,
      maxRetries: 2,
      pricing: { inputPerMillion: 0.5, outputPerMillion: 1.5 },
    });
    expect(loadConfig({ DOCENT_LLM: 'bedrock', DOCENT_LLM_REGION: 'eu-west-1' }, '/srv').llm).toEqual({
      kind: 'bedrock',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      api: 'invoke',
      region: 'eu-west-1',
      timeoutMs: 60_000,
      maxRetries: 2,
    });
    expect(() => loadConfig({ DOCENT_LLM: 'openai-compatible', DOCENT_LLM_PRICE_INPUT: '1' }, '/srv')).toThrow(
      /DOCENT_LLM_BASE_URL: required[\s\S]*DOCENT_LLM_MODEL: required[\s\S]*set both or neither/,
    );
    expect(() => loadConfig({ DOCENT_LLM: 'gpt-4', DOCENT_LLM_REGION: 'mars' }, '/srv')).toThrow(
      /DOCENT_LLM:[\s\S]*DOCENT_LLM_REGION:/,
    );
  });
});
