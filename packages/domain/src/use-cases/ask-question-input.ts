import { DocentError } from '../errors.ts';
import type { AskQuestionInput } from './contracts.ts';

/** Longest question accepted, in characters after trimming. */
export const MAX_QUESTION_CHARS = 2000;
/** Most sources a caller may ask for. */
export const MAX_TOP_K = 50;
/** Sources returned when the caller does not say. */
export const DEFAULT_TOP_K = 10;
// Enough for any selection a person makes by hand; bounds the size of the scoped searches.
const MAX_DOCUMENT_IDS = 100;
// Client-chosen conversation ids are stored and echoed: keep them short and printable.
const CONVERSATION_ID = /^[A-Za-z0-9_-]{1,100}$/u;

/** A checked question. */
export interface ValidQuestion {
  question: string;
  topK: number;
  /** Distinct ids, or undefined when the whole library is searched. */
  documentIds?: string[];
  conversationId?: string;
}

const invalid = (field: string, message: string): DocentError =>
  new DocentError('validation_failed', message, { details: { fields: [field] } });

/** Trims the question and checks every field; throws `validation_failed` naming the field. */
export const validateQuestion = (input: AskQuestionInput): ValidQuestion => {
  const question = typeof input.question === 'string' ? input.question.trim() : '';
  if (question === '' || question.length > MAX_QUESTION_CHARS) {
    throw invalid('question', `Ask a question of 1 to ${MAX_QUESTION_CHARS} characters.`);
  }
  const topK = input.topK ?? DEFAULT_TOP_K;
  if (!Number.isInteger(topK) || topK < 1 || topK > MAX_TOP_K) {
    throw invalid('topK', `topK must be a whole number from 1 to ${MAX_TOP_K}.`);
  }
  const { conversationId } = input;
  if (conversationId !== undefined && (typeof conversationId !== 'string' || !CONVERSATION_ID.test(conversationId))) {
    throw invalid('conversationId', 'conversationId must be 1 to 100 letters, digits, "-" or "_".');
  }
  const conversation = conversationId === undefined ? {} : { conversationId };
  if (input.documentIds === undefined || input.documentIds.length === 0) return { question, topK, ...conversation };
  if (!input.documentIds.every((id) => typeof id === 'string' && id !== '')) {
    throw invalid('documentIds', 'documentIds must be document ids.');
  }
  const documentIds = [...new Set(input.documentIds)];
  if (documentIds.length > MAX_DOCUMENT_IDS) {
    throw invalid('documentIds', `Limit a question to at most ${MAX_DOCUMENT_IDS} documents.`);
  }
  return { question, topK, documentIds, ...conversation };
};
