import type { AnswerUsage, Citation, HistoryEntry } from '@docent/domain';
import { isoAt, uniqueId } from './unique-id.ts';

/** A citation of `documentId` with a consistent quote and offsets. */
export const makeCitation = (documentId: string, overrides: Partial<Citation> = {}): Citation => ({
  documentId,
  documentName: 'guide.pdf',
  page: 1,
  charStart: 10,
  charEnd: 31,
  quote: 'the answer is in here',
  ...overrides,
});

/** A generated answer's token usage with a known cost. */
export const makeUsage = (overrides: Partial<AnswerUsage> = {}): AnswerUsage => ({
  model: 'bedrock:anthropic.claude-3-haiku-20240307-v1:0',
  inputTokens: 1200,
  outputTokens: 150,
  costUsd: 0.0004875,
  ...overrides,
});

/** An answered question; unique id and owner unless overridden. */
export const makeHistoryEntry = (overrides: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: uniqueId('hist'),
  ownerId: uniqueId('owner'),
  question: 'Where is the answer?',
  answer: 'The answer is in here.',
  abstained: false,
  citations: [],
  askedAt: isoAt(0),
  ...overrides,
});
