import { describe, expect, it } from 'vitest';
import { answerTypeOf, holdsAnswerType, isStrictType, unitAsked, unitMention } from './answer-type.ts';

describe('answerTypeOf', () => {
  it.each([
    ['How many octets does it output?', 'quantity'],
    ['What buffer size does it use?', 'quantity'],
    ['How long may a cover text be?', 'duration'],
    ['How often is the status line redrawn?', 'duration'],
    ['When did the patent expire?', 'time'],
    ['On what date was it published?', 'time'],
    ['Since which version is CIDR accepted?', 'version'],
    ['Who created the engine?', 'person'],
    ['Which linker flags should a program use?', 'identifier'],
    ['What backup suffix is used by default?', 'default'],
    ['Why are old windows not resized?', 'reason'],
    ['Under the licence, may I charge a fee?', 'permission'],
    ['Am I allowed to sell copies?', 'permission'],
    ['Is it safe to parse untrusted input?', 'permission'],
    ['Does it cover database rights?', 'other'],
  ])('%s -> %s', (question, type) => {
    expect(answerTypeOf(question)).toBe(type);
  });

  it('reads "when" and "who" as question words only where they ask', () => {
    expect(answerTypeOf('When a download fails, how does curl retry?')).toBe('other');
    expect(answerTypeOf('Does it offer source to users who interact over a network?')).toBe('other');
  });
});

describe('holdsAnswerType', () => {
  it('finds numbers standing alone, not digits inside names or versions', () => {
    expect(holdsAnswerType('quantity', 'It needs 2300k of memory.')).toBe(true);
    expect(holdsAnswerType('quantity', 'The default is -2000.')).toBe(true);
    expect(holdsAnswerType('quantity', 'Programming with libbzip2')).toBe(false);
    expect(holdsAnswerType('quantity', 'under the License, Version 1.3')).toBe(false);
    expect(holdsAnswerType('quantity', 'more than with gzip(1) and bzip2(1)')).toBe(false);
  });

  it('needs a unit for a duration, a year or month for a time, a stated default for a default', () => {
    expect(holdsAnswerType('duration', 'valid for at least three years')).toBe(true);
    expect(holdsAnswerType('duration', '4 servings.')).toBe(false);
    expect(holdsAnswerType('time', 'The patent expired on September 20, 2000.')).toBe(true);
    expect(holdsAnswerType('time', 'It was published after a review.')).toBe(false);
    expect(holdsAnswerType('default', 'The default suffix is a ~ unless set.')).toBe(true);
    expect(holdsAnswerType('default', 'This option overrides the default backup suffix.')).toBe(false);
  });

  it('finds no answer type but `other` in a definition, which only says what a word means', () => {
    expect(holdsAnswerType('permission', '"You" is you, if you can justify copying this Package.')).toBe(false);
    expect(holdsAnswerType('quantity', '1.2. "Covered Code" means the 3 files of the Original Code.')).toBe(false);
    expect(holdsAnswerType('quantity', 'An "Application" is any work of 3 files.')).toBe(false);
    expect(holdsAnswerType('other', '"You" is you.')).toBe(true);
    expect(holdsAnswerType('permission', 'You may charge a reasonable copying fee.')).toBe(true);
  });

  it('finds what one may or must do for a permission question', () => {
    expect(holdsAnswerType('permission', 'You may charge a fee for the physical act of copying.')).toBe(true);
    expect(holdsAnswerType('permission', 'Do not use it with untrusted input.')).toBe(true);
    expect(holdsAnswerType('permission', 'The fee covers the media cost.')).toBe(false);
  });

  it('treats numbers, durations, times and people as strict, the rest as hints', () => {
    expect(['quantity', 'duration', 'time', 'person'].every((t) => isStrictType(t as never))).toBe(true);
    expect(
      ['version', 'identifier', 'default', 'value', 'reason', 'permission', 'other'].some((t) =>
        isStrictType(t as never),
      ),
    ).toBe(false);
  });
});

describe('unitAsked and unitMention', () => {
  it('reads the unit a question asks its answer in', () => {
    expect(unitAsked('What is the largest file, in bytes, that it supports?')).toBe('bytes');
    expect(unitAsked('Which option sets a time limit, in seconds?')).toBe('seconds');
    expect(unitAsked('What is kept in memory?')).toBeUndefined();
    expect(unitAsked('How long does it wait?')).toBeUndefined();
  });

  it('finds the unit as a unit: its plural, or its singular after a number', () => {
    expect(unitMention('seconds').test('It waits 10 seconds.')).toBe(true);
    expect(unitMention('seconds').test('It waits a 1-second pause.')).toBe(true);
    expect(unitMention('seconds').test('In the second form, the name is omitted.')).toBe(false);
    expect(unitMention('bytes').test('The page size is 4096 bytes.')).toBe(true);
    expect(unitMention('bytes').test('The page size is a power of two.')).toBe(false);
  });
});
