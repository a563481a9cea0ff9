import { describe, expect, it } from 'vitest';
import { ContextQuestionRewriter, needsContext } from './context-question-rewriter.ts';
import type { ConversationTurn } from './question-rewriter.ts';

const CURL: ConversationTurn = {
  question: 'What is the default connect timeout in curl?',
  answer: 'The default connect timeout is 300 seconds [1].',
};
const rewriter = new ContextQuestionRewriter();

describe('needsContext', () => {
  it('spots follow-ups that refer back, continue, or say too little', () => {
    for (const question of [
      'How do I change it?',
      'Is THAT also true for uploads?',
      'Which one is faster at compressing large archives?',
      'Does the former support streaming compression?',
      'And for xz?',
      'also the maximum retry delay for curl downloads',
      'What about the maximum retry delay for curl downloads?',
      'how about bzip2 recovery tools for damaged archives?',
      'Why?',
      'Default value?',
    ]) {
      expect(needsContext(question), question).toBe(true);
    }
  });

  it('leaves questions that stand on their own', () => {
    for (const question of [
      'How does tmux choose the escape-time default value?',
      'Does bzip2 recover damaged compressed files?',
      'Can anyone redistribute modified versions under the Artistic License?',
      'Andromeda galaxy distance measurement methods?',
    ]) {
      expect(needsContext(question), question).toBe(false);
    }
  });
});

describe('ContextQuestionRewriter', () => {
  it('returns the question unchanged without earlier turns', async () => {
    expect(await rewriter.rewrite('How do I change it?', [])).toBe('How do I change it?');
  });

  it('adds the previous question to a follow-up that depends on it', async () => {
    expect(await rewriter.rewrite('How do I change it?', [CURL])).toBe(
      'How do I change it? (following: What is the default connect timeout in curl?)',
    );
  });

  it('uses only the most recent turn, as the caller gave it', async () => {
    const turns = [CURL, { question: 'What is the default xz preset?', answer: '' }];
    expect(await rewriter.rewrite('  And the maximum?  ', turns)).toBe(
      'And the maximum? (following: What is the default xz preset?)',
    );
  });

  it('leaves a question that stands on its own, or one with no usable previous question', async () => {
    const standalone = 'How does tmux choose the escape-time default value?';
    expect(await rewriter.rewrite(standalone, [CURL])).toBe(standalone);
    expect(await rewriter.rewrite('Why?', [{ question: '  ', answer: 'x' }])).toBe('Why?');
  });
});
