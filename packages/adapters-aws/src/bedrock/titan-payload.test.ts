import { cosine, expectDocentError, vectorNorm } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { readAwsFixture } from '../../test-support/bedrock-test-replies.ts';
import { TITAN_RESPONSE_SCHEMA_FILE, titanResponseBody } from '../../test-support/titan-test-replies.ts';
import { parseTitanResponse, titanRequestBody } from './titan-payload.ts';

const EMBEDDING = [0.5, -0.25, 0, 0.125, 1, -1, 0.75, 0.3];
const unit = (values: readonly number[]): number[] => values.map((value) => value / Math.hypot(...values));

describe('titanRequestBody', () => {
  it('sends one inputText with the dimensions and normalize, as the V2 request documents', () => {
    expect(JSON.parse(titanRequestBody('Ünïcödé "quoted"\n文書', 512))).toEqual({
      inputText: 'Ünïcödé "quoted"\n文書',
      dimensions: 512,
      normalize: true,
    });
  });
});

describe('parseTitanResponse on the documented V2 response', () => {
  it('is parsed from the docs schema with its placeholders filled, extra fields tolerated', () => {
    const schema = readAwsFixture(TITAN_RESPONSE_SCHEMA_FILE);
    expect(() => JSON.parse(schema)).toThrow();
    const body = titanResponseBody(EMBEDDING, 7);
    expect(Object.keys(JSON.parse(body))).toEqual(['embedding', 'inputTextTokenCount', 'embeddingsByType']);
    const vector = parseTitanResponse(body, EMBEDDING.length);
    expect(vector).toBeInstanceOf(Float32Array);
    expect(Array.from(vector)).toEqual(unit(EMBEDDING).map((value) => Math.fround(value)));
    expect(vectorNorm(vector)).toBeCloseTo(1, 6);
  });

  it('falls back to embeddingsByType.float when embedding is absent', () => {
    const { embedding: _dropped, ...rest } = JSON.parse(titanResponseBody(EMBEDDING, 7));
    const vector = parseTitanResponse(JSON.stringify(rest), EMBEDDING.length);
    expect(cosine(vector, Float32Array.from(EMBEDDING))).toBeCloseTo(1, 6);
  });

  it('normalises a vector that is off unit length', () => {
    const vector = parseTitanResponse(JSON.stringify({ embedding: [3, 4], inputTextTokenCount: 1 }), 2);
    expect(Array.from(vector)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
  });

  it.each([
    ['not JSON', '<html>oops</html>', 'the body is not JSON'],
    ['no embedding', JSON.stringify({ inputTextTokenCount: 3 }), 'no `embedding` array'],
    ['the wrong width', titanResponseBody(EMBEDDING.slice(1), 7), '7 dimensions where 8 were asked for'],
    ['a null value', JSON.stringify({ embedding: [1, null, 0, 0, 0, 0, 0, 0] }), 'not a finite number'],
    ['a string value', JSON.stringify({ embedding: [1, '2', 0, 0, 0, 0, 0, 0] }), 'not a finite number'],
    ['all zeros', titanResponseBody(new Array(8).fill(0), 7), 'all zeros'],
  ])('rejects %s as a non-retryable embedding_failed', async (_case, body, problem) => {
    const error = await expectDocentError(() => parseTitanResponse(body, EMBEDDING.length), 'embedding_failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(problem);
  });
});
