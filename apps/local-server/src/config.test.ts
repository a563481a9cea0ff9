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
      llm: 'extractive',
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
});
