import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { configProblems } from '../test-support/config-problems.ts';
import { loadConfig } from './config.ts';

describe('loadConfig: vector search', () => {
  it('searches vectors approximately for large owners by default; exact only, or another threshold and type, on request', () => {
    expect(loadConfig({}, '/srv').vectorSearch).toEqual({
      index: 'codes',
      minVectors: 20_000,
      quantization: 'f16',
      expansionSearch: 4096,
      segmentVectors: 1_000_000,
      insertThreads: Math.min(4, availableParallelism()),
    });
    expect(loadConfig({ DOCENT_VECTOR_SEARCH: 'exact' }, '/srv').vectorSearch).toBe(false);
    const env = {
      DOCENT_ANN_INDEX: 'hnsw',
      DOCENT_ANN_MIN_VECTORS: '5000',
      DOCENT_ANN_QUANTIZATION: 'i8',
      DOCENT_ANN_EXPANSION_SEARCH: '256',
      DOCENT_ANN_SEGMENT_VECTORS: '250000',
      DOCENT_ANN_INSERT_THREADS: '1',
    };
    expect(loadConfig(env, '/srv').vectorSearch).toEqual({
      index: 'hnsw',
      minVectors: 5000,
      quantization: 'i8',
      expansionSearch: 256,
      segmentVectors: 250_000,
      insertThreads: 1,
    });
    const problems = (env: Record<string, string>) => configProblems(env).map((problem) => problem.split(':')[0]);
    const wrong = {
      DOCENT_VECTOR_SEARCH: 'hnsw',
      DOCENT_ANN_INDEX: 'graph',
      DOCENT_ANN_MIN_VECTORS: '0',
      DOCENT_ANN_QUANTIZATION: 'b1',
      DOCENT_ANN_EXPANSION_SEARCH: '8',
      DOCENT_ANN_SEGMENT_VECTORS: '10',
      DOCENT_ANN_INSERT_THREADS: '0',
    };
    expect(problems(wrong)).toEqual(Object.keys(wrong));
  });
});
