import { describe, expect, it } from 'vitest';
import { absentFocus, focusWords } from './asked-focus.ts';
import { tokenizeQuestion } from './question-tokens.ts';
import { buildVocabulary } from './vocabulary.ts';

const focus = (question: string) => focusWords(tokenizeQuestion(question)).map((t) => t.text);

describe('focusWords', () => {
  it('takes the noun between "what/which" and the auxiliary that follows it', () => {
    expect(focus('What penalty does the licence set?')).toEqual(['penalty']);
    expect(focus('Which backup suffix does it use by default?')).toEqual(['suffix']);
    expect(focus('In which year did the resolver change?')).toEqual(['year']);
  });

  it('takes the one noun before a finite verb: "which court handles ..."', () => {
    expect(focus('Which court handles disputes?')).toEqual(['court']);
    expect(focus('Which agency enforced the rule?')).toEqual(['agency']);
    expect(focus('Which one wins?')).toEqual([]);
    expect(focus('Which exit status is returned?')).toEqual(['status']);
  });

  it('takes nothing from verbs, relative clauses, names or kind nouns', () => {
    expect(focus('What happens when the check fails?')).toEqual([]);
    expect(focus('Is there code which copies it?')).toEqual([]);
    expect(focus('What Zorbal does it need?')).toEqual([]);
    expect(focus('Which version is current?')).toEqual([]);
    expect(focus('What is the default?')).toEqual([]);
  });
});

describe('absentFocus', () => {
  const vocabulary = buildVocabulary('Each party pays its own costs. Penalties apply to late payments.');

  it('reports a focus noun the documents never use, in any inflection', () => {
    const tokens = (q: string) => tokenizeQuestion(q);
    expect(absentFocus(tokens('What fine does the licence impose?'), [vocabulary])).toEqual(['fine']);
    expect(absentFocus(tokens('What penalty does the licence set?'), [vocabulary])).toEqual([]);
    expect(absentFocus(tokens('What cost does a party bear?'), [vocabulary])).toEqual([]);
  });

  it('says nothing without vocabularies', () => {
    expect(absentFocus(tokenizeQuestion('What fine does the licence impose?'), [])).toEqual([]);
  });
});
