import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../text/analyze-text.ts';
import { focusOfSentences, passageFocus, rememberingPassageReader, sentenceTerms } from './passage-focus.ts';

const weightsOf = (question: string) => new Map(analyzeText(question).map((term) => [term, 1]));
const options = { span: 2, maxSentenceChars: 400 };

describe('passageFocus', () => {
  const question = 'What is the default compression preset level?';

  it('scores a passage that says it in one place above one that scatters the words', () => {
    const focused = 'Intro text here. Select a compression preset level. The default is -6. Other things follow.';
    const scattered =
      'The compression ratio varies. Many things follow here. A preset exists. Nothing else. The level is high.';
    const weights = weightsOf(question);
    expect(passageFocus(focused, weights, options)).toBeCloseTo(1);
    expect(passageFocus(scattered, weights, options)).toBeLessThan(0.75);
  });

  it('counts the always-present terms (file name, heading) in every stretch', () => {
    const weights = weightsOf('What does xz do with the preset?');
    const text = 'Select a preset. Something else.';
    expect(passageFocus(text, weights, options)).toBeCloseTo(0.5);
    expect(passageFocus(text, weights, { ...options, always: new Set(['xz']) })).toBeCloseTo(1);
  });

  it('property: focus lies in [0, 1] and never exceeds the whole passage’s coverage', () => {
    const word = fc.constantFrom('alpha', 'beta.', 'gamma', 'delta', 'epsilon.', 'zeta', '\n');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 5 }), (text, q) => {
        const weights = weightsOf(q.join(' '));
        const joined = text.join(' ');
        const focus = passageFocus(joined, weights, options);
        const whole = passageFocus(joined, weights, { ...options, span: 1000 });
        expect(focus).toBeGreaterThanOrEqual(0);
        expect(focus).toBeLessThanOrEqual(whole + 1e-12);
        expect(whole).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});

describe('rememberingPassageReader', () => {
  it('reads as the plain functions do, and hands back what it read before for the same text', () => {
    const reader = rememberingPassageReader(400, 8);
    const text = 'Select a compression preset level. The default is -6.';
    expect(reader.sentences(text)).toEqual(sentenceTerms(text, 400));
    expect(reader.sentences(text)).toBe(reader.sentences(text));
    expect(reader.termSet('xz\nOptions')).toEqual(new Set(analyzeText('xz\nOptions')));
    expect(reader.termSet('xz\nOptions')).toBe(reader.termSet('xz\nOptions'));
  });

  it('property: focus from the reader’s sentences equals passageFocus', () => {
    const word = fc.constantFrom('alpha', 'beta.', 'gamma', 'delta', 'epsilon.', 'zeta', '\n');
    const reader = rememberingPassageReader(400, 4);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { minLength: 1, maxLength: 5 }), (text, q) => {
        const weights = weightsOf(q.join(' '));
        const joined = text.join(' ');
        expect(focusOfSentences(reader.sentences(joined), weights, { span: 2 })).toBe(
          passageFocus(joined, weights, options),
        );
      }),
    );
  });
});
