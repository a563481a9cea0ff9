import { DocentError } from '../errors.ts';
import type { AskQuestionInput } from './contracts.ts';

/**
 * Longest question accepted, in characters after trimming. The HTTP schema uses the same number, so
 * the API document, the schema's error and this check agree. 2,000 characters is a long paragraph:
 * room for a pasted passage plus the question, while the embedder reads far less anyway.
 */
export const MAX_QUESTION_CHARS = 2000;
/** Most sources a caller may ask for. */
export const MAX_TOP_K = 50;
/** Sources returned when the caller does not say. */
export const DEFAULT_TOP_K = 10;
/** Most documents one question may be limited to: any selection a person makes by hand; bounds the scoped searches. */
export const MAX_DOCUMENT_IDS = 100;
/** Client-chosen conversation ids are stored and echoed: short and printable (a JSON-schema pattern too). */
export const CONVERSATION_ID_PATTERN = '^[A-Za-z0-9_-]{1,100}$';
const CONVERSATION_ID = new RegExp(CONVERSATION_ID_PATTERN, 'u');

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
