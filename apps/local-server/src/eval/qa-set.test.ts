import { describe, expect, it } from 'vitest';
import { qaNormalise } from './qa-normal-form.ts';
import { parseQuestion } from './qa-set.ts';

describe('parseQuestion', () => {
  it('reads the four kinds into spans', () => {
    const multi = parseQuestion(
      JSON.stringify({
        id: 'd9',
        doc: ['a.txt', 'b.pdf'],
        question: 'Q?',
        answer_substring: ['x', 'y'],
        kind: 'multi',
      }),
      1,
    );
    expect(multi.spans).toEqual([
      { doc: 'a.txt', text: 'x' },
      { doc: 'b.pdf', text: 'y' },
    ]);
    const none = parseQuestion(
      '{"id":"d1","doc":null,"question":"Q?","answer_substring":null,"kind":"unanswerable"}',
      2,
    );
    expect(none.spans).toEqual([]);
  });

  it('names the line of a malformed question', () => {
    expect(() => parseQuestion('{', 7)).toThrow(/line 7: not JSON/);
    expect(() => parseQuestion('{"id":"d","question":"q","kind":"guess","doc":null}', 3)).toThrow(/unknown kind/);
    expect(() =>
      parseQuestion('{"id":"d","question":"q","kind":"lookup","doc":["a","b"],"answer_substring":"x"}', 4),
    ).toThrow(/needs 1 doc/);
  });
});

describe('qaNormalise (the README normal form)', () => {
  it('applies NFKC, collapses Python whitespace and strips the ends', () => {
    expect(qaNormalise('  \ufb01le\u00a0name\n\tis\u2003here\u0085 ')).toBe('file name is here');
    expect(qaNormalise('a\u001cb')).toBe('a b');
    // U+FEFF is not whitespace to Python, though JavaScript's \s says it is.
    expect(qaNormalise('a\ufeffb')).toBe('a\ufeffb');
  });
});
