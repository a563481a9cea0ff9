import { describe, expect, it } from 'vitest';
import { tokenBatches } from './token-batches.ts';

/** Tokens the model computes for a plan: each batch padded to its longest text. */
const paddedTokens = (counts: number[], batches: number[][]): number =>
  batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => counts[i] as number)), 0);

describe('tokenBatches', () => {
  it('puts every text in exactly one batch of at most maxBatch texts, shortest batches first', () => {
    const counts = [90, 12, 128, 40, 41, 39, 88, 5, 128, 60, 61, 17];
    const batches = tokenBatches(counts, 4, 24);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(counts.map((_, i) => i));
    for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(4);
    const longest = batches.map((batch) => Math.max(...batch.map((i) => counts[i] as number)));
    expect(longest).toEqual([...longest].sort((a, b) => a - b));
  });

  it('uses as few batches as it can when the texts are of one length', () => {
    const sizes = tokenBatches([50, 50, 50, 50, 50], 2, 24).map((batch) => batch.length);
    expect(sizes.sort()).toEqual([1, 2, 2]);
  });

  it('does not pad short texts to a long one when a call costs less than the padding', () => {
    // Seven 10-token texts and one of 128: together 8 x 128 tokens; apart 7 x 10 + 128 and one more call.
    const counts = [10, 10, 10, 128, 10, 10, 10, 10];
    const batches = tokenBatches(counts, 8, 24);
    expect(batches).toEqual([[0, 1, 2, 4, 5, 6, 7], [3]]);
    expect(paddedTokens(counts, batches)).toBe(7 * 10 + 128);
  });

  it('keeps texts together when a call costs more than the padding it saves', () => {
    expect(tokenBatches([30, 31, 32, 33], 8, 24)).toEqual([[0, 1, 2, 3]]);
  });

  it('pads no more than batches of maxBatch in order of length would', () => {
    const counts = Array.from({ length: 200 }, (_, i) => 5 + ((i * 37) % 124));
    const sorted = counts.map((_, i) => i).sort((a, b) => (counts[a] as number) - (counts[b] as number));
    const fixed = Array.from({ length: 25 }, (_, b) => sorted.slice(b * 8, b * 8 + 8));
    const planned = tokenBatches(counts, 8, 24);
    const work = (batches: number[][]) => paddedTokens(counts, batches) + 24 * batches.length;
    expect(work(planned)).toBeLessThanOrEqual(work(fixed));
  });

  it('keeps a batch within maxTokens padded tokens, short texts in bigger batches than long ones', () => {
    const counts = [...Array.from({ length: 40 }, () => 16), ...Array.from({ length: 20 }, () => 128)];
    const batches = tokenBatches(counts, 32, 24, 1024);
    for (const batch of batches) {
      expect(batch.length * Math.max(...batch.map((i) => counts[i] as number))).toBeLessThanOrEqual(1024);
    }
    expect(batches.map((batch) => batch.length)).toEqual([32, 8, 8, 8, 4]);
  });

  it('lets a text longer than maxTokens run alone', () => {
    expect(tokenBatches([100, 100], 8, 24, 50)).toEqual([[0], [1]]);
  });

  it('returns no batches for no texts', () => {
    expect(tokenBatches([], 8)).toEqual([]);
  });
});
