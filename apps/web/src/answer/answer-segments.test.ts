import { describe, expect, it } from 'vitest';
import { citation } from '../../test-support/fixtures.ts';
import { answerSegments, citationLabel, numberCitations } from './answer-segments.ts';

const one = citation({ marker: 1 });
const two = citation({ marker: 2, documentName: 'policy.txt', page: undefined });

describe('answerSegments', () => {
  it('follows an unmarked answer with one marker per citation, numbered in order', () => {
    const plain = [citation(), citation({ documentName: 'policy.txt' })];
    expect(answerSegments('Text.', plain)).toEqual([
      { kind: 'text', text: 'Text.' },
      { kind: 'text', text: ' ' },
      { kind: 'marker', number: 1, citation: plain[0] },
      { kind: 'text', text: ' ' },
      { kind: 'marker', number: 2, citation: plain[1] },
    ]);
  });

  it('replaces each claimed [n] in place, repeated markers included, and leaves unclaimed ones as text', () => {
    expect(answerSegments('[2]A [1] B [3] C [1]', [one, two])).toEqual([
      { kind: 'marker', number: 2, citation: two },
      { kind: 'text', text: 'A ' },
      { kind: 'marker', number: 1, citation: one },
      { kind: 'text', text: ' B [3] C ' },
      { kind: 'marker', number: 1, citation: one },
    ]);
  });

  it('keeps an answer without citations as one text', () => {
    expect(answerSegments('Nothing [1] here.', [])).toEqual([{ kind: 'text', text: 'Nothing [1] here.' }]);
  });
});

describe('numberCitations and citationLabel', () => {
  it('numbers by marker when the answer has markers', () => {
    expect(numberCitations([two, one]).map(({ number }) => number)).toEqual([2, 1]);
  });

  it('names the document and the page when there is one', () => {
    expect(citationLabel(1, one)).toBe('Citation 1: handbook.pdf, page 2');
    expect(citationLabel(2, two)).toBe('Citation 2: policy.txt');
  });
});
