import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncatePassage } from './truncate-passage.ts';

const isWhitespace = (char: string | undefined): boolean => char !== undefined && /\s/.test(char);

// Words of full code points (some astral, so surrogate pairs meet the cut) separated by assorted whitespace.
const text = fc
  .array(fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.constantFrom(' ', '\n', '\t', '  ')))
  .map((parts) => parts.map(([word, gap]) => word.replace(/\s/g, 'x') + gap).join(''));
const budget = fc.integer({ min: 1, max: 200 });

describe('truncatePassage', () => {
  it('keeps a text within the budget unchanged', () => {
    fc.assert(
      fc.property(text, budget, (input, maxChars) => {
        fc.pre(input.length <= maxChars);
        expect(truncatePassage(input, maxChars)).toBe(input);
      }),
    );
  });

  it('returns a prefix within the budget that keeps at least 80 % of it', () => {
    fc.assert(
      fc.property(text, budget, (input, maxChars) => {
        const kept = truncatePassage(input, maxChars);
        expect(input.startsWith(kept)).toBe(true);
        expect(kept.length).toBeLessThanOrEqual(maxChars);
        expect(kept.length).toBeGreaterThanOrEqual(Math.min(input.length, maxChars - 1, maxChars * 0.8));
      }),
    );
  });

  it('never splits a surrogate pair', () => {
    fc.assert(
      fc.property(text, budget, (input, maxChars) => {
        const kept = truncatePassage(input, maxChars);
        expect(kept).toBe(kept.toWellFormed());
      }),
    );
  });

  it('ends a cut text on a word boundary unless no whitespace is near the budget', () => {
    fc.assert(
      fc.property(text, budget, (input, maxChars) => {
        fc.pre(input.length > maxChars);
        const kept = truncatePassage(input, maxChars);
        const tail = input.slice(Math.ceil(maxChars * 0.8), maxChars);
        if (/\s/.test(tail) || isWhitespace(input[maxChars])) expect(isWhitespace(input[kept.length])).toBe(true);
      }),
    );
  });

  it('cuts a long sentence after the last whole word', () => {
    expect(truncatePassage('alpha beta gamma delta', 12)).toBe('alpha beta');
    expect(truncatePassage('alpha beta gamma delta', 16)).toBe('alpha beta gamma');
    // The last space would drop more than a fifth of the budget: cut inside the word instead.
    expect(truncatePassage('alpha betagammadelta', 12)).toBe('alpha betaga');
  });
});
