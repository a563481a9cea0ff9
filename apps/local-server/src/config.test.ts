import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../test-support/config-problems.ts';
import { ConfigError, DEFAULT_WEB_DIR, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '/srv/docent');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/docent/data',
      storage: 'sqlite',
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

  it('keeps everything in memory with DOCENT_STORAGE=memory and refuses other stores', () => {
    expect(loadConfig({ DOCENT_STORAGE: 'memory' }, '/srv').storage).toBe('memory');
    expect(() => loadConfig({ DOCENT_STORAGE: 'postgres' }, '/srv')).toThrow(/DOCENT_STORAGE:/);
  });

  it('limits extraction by default to what a 2,000-page book needs', () => {
    expect(loadConfig({}, '/srv').extraction).toEqual({
      limits: { maxExtractedChars: 10_000_000, maxPages: 2000, maxInflatedBytes: 128 * 1024 * 1024 },
      memoryMb: 512,
      timeoutSeconds: 120,
    });
  });

  it('reads the extraction settings and refuses values that are not positive', () => {
    const config = loadConfig(
      {
        DOCENT_MAX_EXTRACTED_CHARS: '500000',
        DOCENT_MAX_PAGES: '300',
        DOCENT_MAX_INFLATED_MB: '16',
        DOCENT_EXTRACT_MEMORY_MB: '256',
        DOCENT_EXTRACT_TIMEOUT_S: '2.5',
      },
      '/srv',
    );
    expect(config.extraction).toEqual({
      limits: { maxExtractedChars: 500_000, maxPages: 300, maxInflatedBytes: 16 * 1024 * 1024 },
      memoryMb: 256,
      timeoutSeconds: 2.5,
    });
    const problems = configProblems({
      DOCENT_MAX_PAGES: '0',
      DOCENT_MAX_EXTRACTED_CHARS: '1.5',
      DOCENT_EXTRACT_MEMORY_MB: '16',
      DOCENT_EXTRACT_TIMEOUT_S: '-1',
    })
      .map((problem) => problem.split(':')[0])
      .sort();
    expect(problems).toEqual([
      'DOCENT_EXTRACT_MEMORY_MB',
      'DOCENT_EXTRACT_TIMEOUT_S',
      'DOCENT_MAX_EXTRACTED_CHARS',
      'DOCENT_MAX_PAGES',
    ]);
  });

  it('reads the ask workers, concurrency and queue bound, with defaults and bounds', () => {
    expect(loadConfig({}, '/srv').ask).toEqual({
      workers: 2,
      concurrency: 8,
      maxQueue: 32,
      refusalDelayMs: 1000,
      queryCacheEntries: 1024,
      vectorCacheBytes: 32 * 1024 * 1024,
    });
    const env = {
      DOCENT_ASK_WORKERS: '0',
      DOCENT_ASK_CONCURRENCY: '3',
      DOCENT_ASK_MAX_QUEUE: '0',
      DOCENT_ASK_REFUSAL_DELAY_MS: '0',
      DOCENT_ASK_QUERY_CACHE: '0',
      DOCENT_ASK_VECTOR_CACHE_MB: '0',
    };
    expect(loadConfig(env, '/srv').ask).toEqual({
      workers: 0,
      concurrency: 3,
      maxQueue: 0,
      refusalDelayMs: 0,
      queryCacheEntries: 0,
      vectorCacheBytes: 0,
    });
    expect(() => loadConfig({ DOCENT_ASK_WORKERS: '-1' }, '/srv')).toThrow(/DOCENT_ASK_WORKERS:/);
    expect(() => loadConfig({ DOCENT_ASK_CONCURRENCY: '0' }, '/srv')).toThrow(/DOCENT_ASK_CONCURRENCY:/);
    expect(() => loadConfig({ DOCENT_ASK_MAX_QUEUE: '2.5' }, '/srv')).toThrow(/DOCENT_ASK_MAX_QUEUE:/);
    expect(() => loadConfig({ DOCENT_ASK_REFUSAL_DELAY_MS: '-5' }, '/srv')).toThrow(/DOCENT_ASK_REFUSAL_DELAY_MS:/);
    expect(() => loadConfig({ DOCENT_ASK_QUERY_CACHE: '-1' }, '/srv')).toThrow(/DOCENT_ASK_QUERY_CACHE:/);
    expect(() => loadConfig({ DOCENT_ASK_VECTOR_CACHE_MB: '1.5' }, '/srv')).toThrow(/DOCENT_ASK_VECTOR_CACHE_MB:/);
  });

  it('reads processing concurrency and the per-document chunk cap, with defaults and bounds', () => {
    expect(loadConfig({}, '/srv')).toMatchObject({
      processingConcurrency: 2,
      embeddingConcurrency: 2,
      maxChunksPerDocument: 6000,
    });
    expect(
      loadConfig(
        {
          DOCENT_PROCESSING_CONCURRENCY: '4',
          DOCENT_EMBEDDING_CONCURRENCY: '1',
          DOCENT_MAX_CHUNKS_PER_DOCUMENT: '500',
        },
        '/srv',
      ),
    ).toMatchObject({ processingConcurrency: 4, embeddingConcurrency: 1, maxChunksPerDocument: 500 });
    expect(() => loadConfig({ DOCENT_EMBEDDING_CONCURRENCY: '0' }, '/srv')).toThrow(/DOCENT_EMBEDDING_CONCURRENCY:/);
    expect(() => loadConfig({ DOCENT_PROCESSING_CONCURRENCY: '0' }, '/srv')).toThrow(/DOCENT_PROCESSING_CONCURRENCY:/);
    expect(() => loadConfig({ DOCENT_PROCESSING_CONCURRENCY: '1.5' }, '/srv')).toThrow(
      /DOCENT_PROCESSING_CONCURRENCY:/,
    );
    expect(() => loadConfig({ DOCENT_MAX_CHUNKS_PER_DOCUMENT: '-3' }, '/srv')).toThrow(
      /DOCENT_MAX_CHUNKS_PER_DOCUMENT:/,
    );
  });

  it('reads the embedding workers and unit, with defaults and bounds', () => {
    expect(loadConfig({}, '/srv').embedding).toEqual({
      workers: Math.min(2, availableParallelism()),
      unit: 'window',
      windowChars: 300,
      denseTokens: 16,
      preload: true,
    });
    expect(
      loadConfig(
        {
          DOCENT_EMBED_WORKERS: '3',
          DOCENT_EMBED_UNIT: 'chunk',
          DOCENT_EMBED_WINDOW_CHARS: '600',
          DOCENT_EMBED_DENSE_TOKENS: '128',
          DOCENT_EMBED_PRELOAD: 'false',
        },
        '/srv',
      ).embedding,
    ).toEqual({ workers: 3, unit: 'chunk', windowChars: 600, denseTokens: 128, preload: false });
    expect(() => loadConfig({ DOCENT_EMBED_PRELOAD: 'yes' }, '/srv')).toThrow(/DOCENT_EMBED_PRELOAD:/);
    expect(() => loadConfig({ DOCENT_EMBED_WORKERS: '0' }, '/srv')).toThrow(/DOCENT_EMBED_WORKERS:/);
    expect(() => loadConfig({ DOCENT_EMBED_UNIT: 'sentence' }, '/srv')).toThrow(/DOCENT_EMBED_UNIT:/);
    expect(() => loadConfig({ DOCENT_EMBED_WINDOW_CHARS: '10' }, '/srv')).toThrow(/DOCENT_EMBED_WINDOW_CHARS:/);
    // The model reads at most 128 tokens of a text: a larger cap would promise what it cannot do.
    for (const tokens of ['0', '129', '6.5']) {
      expect(() => loadConfig({ DOCENT_EMBED_DENSE_TOKENS: tokens }, '/srv')).toThrow(/DOCENT_EMBED_DENSE_TOKENS:/);
    }
  });

  it('serves the web app of this checkout by default, another folder, or none', () => {
    // The default is the @docent/web workspace's build output, wherever the server is started from.
    expect(path.basename(DEFAULT_WEB_DIR)).toBe('dist');
    const manifest = JSON.parse(readFileSync(path.join(DEFAULT_WEB_DIR, '..', 'package.json'), 'utf8'));
    expect(manifest.name).toBe('@docent/web');
    expect(loadConfig({}, '/srv/docent').webDir).toBe(DEFAULT_WEB_DIR);
    expect(loadConfig({ DOCENT_WEB: 'true', DOCENT_WEB_DIR: 'ui/dist' }, '/srv').webDir).toBe('/srv/ui/dist');
    expect(loadConfig({ DOCENT_WEB_DIR: '/opt/web' }, '/srv').webDir).toBe('/opt/web');
    expect(loadConfig({ DOCENT_WEB: 'false', DOCENT_WEB_DIR: '/opt/web' }, '/srv')).not.toHaveProperty('webDir');
    expect(() => loadConfig({ DOCENT_WEB: 'no' }, '/srv')).toThrow(/DOCENT_WEB:/);
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

  it('serves /metrics by default, optionally behind a token, and bounds the worker heartbeat', () => {
    expect(loadConfig({}, '/srv').observability).toEqual({ metrics: true, workerStallMs: 30_000 });
    const guarded = loadConfig(
      { DOCENT_METRICS_TOKEN: 'a-long-enough-token', DOCENT_READY_WORKER_SECONDS: '90' },
      '/srv',
    ).observability;
    expect(guarded).toEqual({ metrics: true, metricsToken: 'a-long-enough-token', workerStallMs: 90_000 });
    expect(loadConfig({ DOCENT_METRICS: 'false' }, '/srv').observability.metrics).toBe(false);
  });

  it('refuses a short token, a token for switched-off metrics, and a heartbeat of 0', () => {
    expect(configProblems({ DOCENT_METRICS_TOKEN: 'short' })).toEqual([
      expect.stringMatching(/^DOCENT_METRICS_TOKEN:/),
    ]);
    expect(configProblems({ DOCENT_METRICS: 'false', DOCENT_METRICS_TOKEN: 'a-long-enough-token' })).toEqual([
      expect.stringMatching(/^DOCENT_METRICS_TOKEN: set, but DOCENT_METRICS=false/),
    ]);
    expect(configProblems({ DOCENT_READY_WORKER_SECONDS: '0' })).toEqual([
      expect.stringMatching(/^DOCENT_READY_WORKER_SECONDS:/),
    ]);
    expect(configProblems({ DOCENT_METRICS: 'yes' })).toEqual([expect.stringMatching(/^DOCENT_METRICS:/)]);
  });
});
