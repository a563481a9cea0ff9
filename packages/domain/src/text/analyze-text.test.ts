import fc from 'fast-check';
import { stemmer } from 'stemmer';
import { describe, expect, it } from 'vitest';
import { analyzeText, forEachTerm } from './analyze-text.ts';
import { STOP_WORDS } from './stop-words.ts';

/** The analysis as first written (every compound split, every word stemmed, nothing remembered): the oracle. */
const reference = (text: string): string[] => {
  const terms: string[] = [];
  for (const [compound] of text
    .normalize('NFKC')
    .toLowerCase()
    .matchAll(/[\p{L}\p{N}]+(?:[-_.:/][\p{L}\p{N}]+)*/gu)) {
    const parts = compound.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (parts.length > 1) terms.push(compound);
    for (const part of parts) {
      if (!STOP_WORDS.has(part)) terms.push(/^[a-z]+$/.test(part) ? stemmer(part) : part);
    }
  }
  return terms;
};

// Stop words, stems, compounds, an NFKC ligature, case, diacritics, digits, another script.
const WORDS = 'The running runs url.parse --max-time XML_ParserCreate ﬁle Café v2.1 東京 of'.split(' ');

describe('analyzeText', () => {
  it('keeps compounds whole and split, drops stop words, stems alphabetic words, folds NFKC and case', () => {
    expect(analyzeText('The running url.parse ﬁle Café')).toEqual(['run', 'url.parse', 'url', 'pars', 'file', 'café']);
  });

  it('property: equals the reference analysis, again on a second call (remembered words), and forEachTerm visits the same terms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...WORDS), fc.string({ maxLength: 12 })), { maxLength: 12 }),
        (words) => {
          const text = words.join(' ');
          const expected = reference(text);
          expect(analyzeText(text)).toEqual(expected);
          expect(analyzeText(text)).toEqual(expected);
          const visited: string[] = [];
          forEachTerm(text, (term) => {
            visited.push(term);
          });
          expect(visited).toEqual(expected);
        },
      ),
    );
  });
});
