import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STOP_WORDS } from '../text/stop-words.ts';
import { splitQuestion } from './split-question.ts';

const contentWords = (text: string): Set<string> =>
  new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP_WORDS.has(w)));

describe('splitQuestion', () => {
  it('keeps a single question whole, noun-phrase coordination included', () => {
    for (const q of [
      'Does the token give read and write access?',
      'What happens when the file exists and is read-only?',
      'How do I find out what changed and why?',
      '  Which preset is the default?  ',
    ]) {
      expect(splitQuestion(q)).toEqual([q.trim()]);
    }
  });

  it('splits two clauses and gives the later part the leading condition', () => {
    expect(splitQuestion('What does foo do, and what does bar default to?')).toEqual([
      'What does foo do?',
      'what does bar default to?',
    ]);
    expect(splitQuestion('If the upload stalls, which error does qux report, and will --resume continue it?')).toEqual([
      'If the upload stalls, which error does qux report?',
      'If the upload stalls, will --resume continue it?',
    ]);
    expect(splitQuestion('Which flag sets the level and also how is it stored?')).toEqual([
      'Which flag sets the level?',
      'also how is it stored?',
    ]);
  });

  it('splits before a second question led by a preposition', () => {
    expect(splitQuestion('Where are the records kept, and for how many minutes is a login valid?')).toEqual([
      'Where are the records kept?',
      'for how many minutes is a login valid?',
    ]);
  });

  it('splits question sentences and repeats the statements before them', () => {
    expect(splitQuestion('I run a small server. Which port does it use? Where is the log kept?')).toEqual([
      'I run a small server. Which port does it use?',
      'I run a small server. Where is the log kept?',
    ]);
    expect(splitQuestion('I broke the rules. If nobody complains, when are my rights back?')).toEqual([
      'I broke the rules. If nobody complains, when are my rights back?',
    ]);
  });

  it('distributes coordinated names and comparisons', () => {
    expect(splitQuestion('Do the Foolib and bzq2 builds use autoconf?')).toEqual([
      'Do the Foolib builds use autoconf?',
      'Do the bzq2 builds use autoconf?',
    ]);
    expect(splitQuestion('What do both -s and -q do in grepx?')).toEqual([
      'What do -s do in grepx?',
      'What do -q do in grepx?',
    ]);
    expect(splitQuestion('Compare the memory use of zork with that of gzq.')).toEqual([
      'Compare the memory use of zork.',
      'the memory use of gzq.',
    ]);
  });

  const word = fc.constantFrom('the', 'default', 'level', 'zork', 'Qux', 'BLAH2', 'memory', 'and', 'of', 'file', '-x');
  const clause = fc
    .tuple(fc.constantFrom('What', 'How', 'Which', 'Does', 'Is', 'I'), fc.array(word, { minLength: 1, maxLength: 8 }))
    .map(([head, words]) => [head, ...words].join(' '));
  const joiner = fc.constantFrom(', and ', ' and ', ' and also ', '; ', '? ', '. ', ', but ', ' with ', ' ');
  const question = fc
    .tuple(clause, fc.array(fc.tuple(joiner, clause), { maxLength: 3 }), fc.constantFrom('?', '.', ''))
    .map(([first, rest, end]) => `${first}${rest.map(([j, c]) => `${j}${c}`).join('')}${end}`);

  it('property: every content word of the question appears in some part', () => {
    fc.assert(
      fc.property(fc.oneof(question, fc.string({ maxLength: 120 })), (q) => {
        const parts = splitQuestion(q);
        const covered = new Set(parts.flatMap((p) => [...contentWords(p)]));
        for (const w of contentWords(q)) expect(covered.has(w), w).toBe(true);
      }),
    );
  });

  it('property: parts are non-empty, never more words than needed, and one part is the question itself', () => {
    fc.assert(
      fc.property(fc.oneof(question, fc.string({ maxLength: 120 })), (q) => {
        const parts = splitQuestion(q);
        expect(parts.length).toBeGreaterThan(0);
        if (parts.length === 1) expect(parts[0]).toBe(q.trim());
        else for (const p of parts) expect(p.trim().length).toBeGreaterThan(0);
      }),
    );
  });
});
