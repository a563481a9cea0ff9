import { describeRerankerContract } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { TermOverlapReranker } from './term-overlap-reranker.ts';

describeRerankerContract('TermOverlapReranker', async () => ({ reranker: new TermOverlapReranker() }), {
  numRuns: 100,
});

describe('TermOverlapReranker', () => {
  const reranker = new TermOverlapReranker();

  it('prefers a passage holding more of the question, stemmed', async () => {
    const [both = 0, one = 0, none = 0] = await reranker.rerank('how do I limit transfer time', [
      'Limiting the transfer times is done with a flag.',
      'The time of day is shown.',
      'Nothing in common here.',
    ]);
    expect(both).toBeGreaterThan(one);
    expect(one).toBeGreaterThan(none);
    expect(none).toBe(0);
  });

  it('among equal coverage, prefers the matched terms close together', async () => {
    const [close = 0, far = 0] = await reranker.rerank('server alive interval', [
      'Set the server alive interval option.',
      'The server starts. Many unrelated words follow here before we say alive and later interval.',
    ]);
    expect(close).toBeGreaterThan(far);
  });
});
