import {
  CONVERSATION_ID_PATTERN,
  DEFAULT_TOP_K,
  MAX_DOCUMENT_IDS,
  MAX_QUESTION_CHARS,
  MAX_TOP_K,
} from '@docent/domain';
import { MAX_ID_LENGTH, timestamp } from './common.ts';
import { spanProperties } from './documents.ts';

/**
 * Body of `POST /query/ask`. The limits are the domain's own constants, so the API document and
 * both layers' errors name the same numbers; the domain applies the finer rules (trimmed length,
 * defaults).
 */
export const askBodySchema = {
  type: 'object',
  required: ['question'],
  additionalProperties: false,
  properties: {
    question: { type: 'string', minLength: 1, maxLength: MAX_QUESTION_CHARS },
    documentIds: {
      type: 'array',
      maxItems: MAX_DOCUMENT_IDS,
      items: { type: 'string', minLength: 1, maxLength: MAX_ID_LENGTH },
      description: 'Limit the search to these documents of the caller.',
    },
    topK: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_TOP_K,
      description: `How many sources to return (default ${DEFAULT_TOP_K}).`,
    },
    conversationId: {
      type: 'string',
      pattern: CONVERSATION_ID_PATTERN,
      description: 'Follow up in this conversation (as returned by an earlier answer).',
    },
  },
} as const;

/** A validated ask body. */
export interface AskBody {
  question: string;
  documentIds?: string[];
  topK?: number;
  conversationId?: string;
}

/**
 * Body of `POST /query/search`: the ask body's query fields (same limits), without a conversation,
 * since a search is not recorded.
 */
export const searchBodySchema = {
  type: 'object',
  required: ['query'],
  additionalProperties: false,
  properties: {
    query: {
      ...askBodySchema.properties.question,
      description: 'What to look for: a question or keywords.',
    },
    documentIds: askBodySchema.properties.documentIds,
    topK: askBodySchema.properties.topK,
  },
} as const;

/** A validated search body. */
export interface SearchBody {
  query: string;
  documentIds?: string[];
  topK?: number;
}

const page = { type: 'integer', minimum: 1, description: '1-based page, for paged formats.' } as const;

const usage = {
  type: 'object',
  description: 'Model tokens of this answer and their estimated cost (absent for extractive answers).',
  required: ['model', 'inputTokens', 'outputTokens'],
  properties: {
    model: { type: 'string' },
    inputTokens: { type: 'integer', minimum: 0 },
    outputTokens: { type: 'integer', minimum: 0 },
    costUsd: { type: 'number', minimum: 0 },
  },
} as const;

const standaloneQuestion = {
  type: 'string',
  description: 'The follow-up as rewritten to stand alone before retrieval.',
} as const;

/** Ranked passages, as an answer's sources and a search's results. */
const sources = {
  type: 'array',
  items: {
    type: 'object',
    required: ['rank', 'documentId', 'documentName', 'chunkId', 'charStart', 'charEnd', 'score', 'text'],
    properties: {
      rank: { type: 'integer', minimum: 1 },
      documentId: { type: 'string' },
      documentName: { type: 'string' },
      chunkId: { type: 'string' },
      page,
      ...spanProperties,
      score: { type: 'number' },
      text: { type: 'string' },
    },
  },
} as const;

/** A citation (shared as `Citation`). */
export const citationSchema = {
  $id: 'Citation',
  type: 'object',
  required: ['documentId', 'documentName', 'charStart', 'charEnd', 'quote'],
  properties: {
    marker: { type: 'integer', minimum: 1, description: 'The [n] marker in the answer this citation supports.' },
    documentId: { type: 'string' },
    documentName: { type: 'string' },
    page,
    ...spanProperties,
    quote: { type: 'string', description: 'Exactly the cited slice of the normalised text.' },
  },
} as const;

/** Response of `POST /query/ask`. */
export const answerSchema = {
  description: 'The answer',
  type: 'object',
  required: ['answer', 'abstained', 'citations', 'sources', 'timings', 'conversationId'],
  properties: {
    answer: { type: 'string' },
    abstained: { type: 'boolean', description: 'True when the documents do not answer the question.' },
    citations: { type: 'array', items: { $ref: 'Citation#' } },
    sources,
    timings: {
      type: 'object',
      required: ['retrievalMs', 'answerMs', 'totalMs'],
      properties: {
        retrievalMs: { type: 'number' },
        answerMs: { type: 'number' },
        totalMs: { type: 'number' },
      },
    },
    conversationId: { type: 'string', description: 'Send it back to ask a follow-up.' },
    standaloneQuestion,
    unsupported: {
      type: 'array',
      items: { type: 'string' },
      description: 'Sentences of a generated answer that no cited passage supports.',
    },
    usage,
  },
} as const;

/** Response of `GET /query/history`. */
export const historySchema = {
  description: 'A page of history, newest first',
  type: 'object',
  required: ['entries', 'nextCursor'],
  properties: {
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'question', 'answer', 'abstained', 'citations', 'askedAt'],
        properties: {
          id: { type: 'string' },
          question: { type: 'string' },
          answer: { type: 'string' },
          abstained: { type: 'boolean' },
          citations: { type: 'array', items: { $ref: 'Citation#' } },
          documentIds: { type: 'array', items: { type: 'string' } },
          askedAt: timestamp,
          redacted: { type: 'boolean', description: 'A cited document was deleted and the answer with it.' },
          conversationId: { type: 'string' },
          standaloneQuestion,
          usage,
        },
      },
    },
    nextCursor: { type: ['string', 'null'] },
  },
} as const;

/** Response of `POST /query/search`. */
export const searchResultSchema = {
  description: 'The best-ranked passages, without an answer',
  type: 'object',
  required: ['sources'],
  properties: { sources },
} as const;
