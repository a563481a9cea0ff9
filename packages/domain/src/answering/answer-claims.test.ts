import { describe, expect, it } from 'vitest';
import { readClaims } from './answer-claims.ts';

describe('readClaims', () => {
  it('splits an answer into sentences and reads each one markers, wherever they are written', () => {
    expect(readClaims('First fact [1]. Second fact.[2][3] Third fact. [1, 4]\nNo marker here.')).toEqual([
      { text: 'First fact [1].', claim: 'First fact .', markers: [1] },
      { text: 'Second fact.', claim: 'Second fact.', markers: [2, 3] },
      { text: 'Third fact.', claim: 'Third fact.', markers: [1, 4] },
      { text: 'No marker here.', claim: 'No marker here.', markers: [] },
    ]);
  });

  it('expands short ranges, ignores absurd ones and repeats', () => {
    expect(readClaims('A [2-4] [3].')[0]?.markers).toEqual([2, 3, 4]);
    expect(readClaims('A [1\u20132].')[0]?.markers).toEqual([1, 2]);
    expect(readClaims('A [5-1000].')[0]?.markers).toEqual([5]);
  });

  it('leaves brackets that are not markers in the claim', () => {
    expect(readClaims('Use a[i] or [x] here.')).toEqual([
      { text: 'Use a[i] or [x] here.', claim: 'Use a[i] or [x] here.', markers: [] },
    ]);
  });

  it('gives a marker before any sentence to the first one, and nothing to an empty answer', () => {
    expect(readClaims('[2] Fact.')).toEqual([{ text: 'Fact.', claim: 'Fact.', markers: [2] }]);
    expect(readClaims('  ')).toEqual([]);
  });
});
