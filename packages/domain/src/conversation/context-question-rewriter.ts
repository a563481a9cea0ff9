import { questionTerms } from '../retrieval/term-rarity.ts';
import type { ConversationTurn, QuestionRewriter } from './question-rewriter.ts';

// Pronouns and determiners that point back at something named earlier ("How do I change it?",
// "Which one is faster?", "Does the former support that?").
const REFERRING = new Set([
  'it',
  'its',
  'this',
  'that',
  'these',
  'those',
  'they',
  'them',
  'their',
  'there',
  'one',
  'ones',
  'same',
  'he',
  'she',
  'former',
  'latter',
]);
// Openings that continue the previous question ("And for xz?", "What about the maximum?").
const CONTINUING = /^(?:and|or|but|also|what\s+about|how\s+about)\b/iu;
// Fewer content terms than this is too little to retrieve on ("Why?", "The default?").
const MIN_STANDALONE_TERMS = 3;

const words = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .match(/\p{L}+/gu) ?? [];

/**
 * True when a follow-up cannot be understood without the previous question: it refers back with a
 * pronoun or determiner, opens with a continuing word, or has fewer than three content terms.
 */
export const needsContext = (question: string): boolean =>
  CONTINUING.test(question.trim()) ||
  words(question).some((word) => REFERRING.has(word)) ||
  questionTerms(question).length < MIN_STANDALONE_TERMS;

/**
 * The default rewriter, with no model: a follow-up that depends on context becomes the follow-up
 * followed by the previous question in parentheses, e.g. `How do I change it? (following: What is
 * the default connect timeout in curl?)`; any other question is left as it is.
 *
 * Why this crude rule works: retrieval and the answerer match terms, so what a follow-up lacks is
 * the topic words of the question before it, not a fluent paraphrase. Appending that question
 * restores them, while the follow-up's own words stay first and keep their weight. A false alarm
 * ("Is there a flag to resume downloads in curl?" has `there`) only adds related terms, whereas a
 * missed follow-up loses its topic entirely, so the triggers are deliberately broad. Only the most
 * recent turn is used: it is the likeliest referent, and it already carries the topic of earlier
 * follow-ups when the caller passes their standalone forms.
 */
export class ContextQuestionRewriter implements QuestionRewriter {
  /** The follow-up, with the previous question appended when it needs context. */
  async rewrite(question: string, turns: readonly ConversationTurn[]): Promise<string> {
    const previous = turns.at(-1)?.question.trim();
    if (previous === undefined || previous === '' || !needsContext(question)) return question;
    return `${question.trim()} (following: ${previous})`;
  }
}
