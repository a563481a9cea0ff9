import type { AnswerUsage } from '../answering/answerer.ts';

export type { AnswerUsage };

/** A cited span of a document's normalised text. `quote` equals that slice exactly. */
export interface Citation {
  /** The `[n]` marker in the answer's text that this citation supports, when the answer has markers. */
  marker?: number;
  documentId: string;
  documentName: string;
  page?: number;
  charStart: number;
  charEnd: number;
  quote: string;
}

/** A ranked retrieved passage, as returned in `sources`. */
export interface Source {
  /** 1-based. */
  rank: number;
  documentId: string;
  documentName: string;
  chunkId: string;
  page?: number;
  charStart: number;
  charEnd: number;
  score: number;
  text: string;
}

export interface AskTimings {
  retrievalMs: number;
  answerMs: number;
  totalMs: number;
}

/** The result of asking a question. */
export interface Answer {
  answer: string;
  abstained: boolean;
  citations: Citation[];
  sources: Source[];
  timings: AskTimings;
  /** The conversation this exchange belongs to: the one given, or a new one to follow up in. */
  conversationId: string;
  /** The follow-up rewritten to stand alone, when it was rewritten before retrieval. */
  standaloneQuestion?: string;
  /** Sentences of a generated answer that no passage supports; they stay in `answer`, flagged here. */
  unsupported?: string[];
  /** Model tokens and estimated cost; absent for the extractive answerer. */
  usage?: AnswerUsage;
}

/** One asked question as kept in history. */
export interface HistoryEntry {
  id: string;
  ownerId: string;
  question: string;
  answer: string;
  abstained: boolean;
  citations: Citation[];
  /** The documents the question was limited to, if any. */
  documentIds?: string[];
  /** ISO-8601. */
  askedAt: string;
  /** True when a cited document was deleted afterwards and the answer was removed with it. */
  redacted?: boolean;
  /** Absent on entries recorded before conversations existed. */
  conversationId?: string;
  /** The question as rewritten to stand alone, when it was a rewritten follow-up. */
  standaloneQuestion?: string;
  usage?: AnswerUsage;
}

/** What a user's questions cost so far, summed over their history. */
export interface UsageTotals {
  questions: number;
  inputTokens: number;
  outputTokens: number;
  /** Sum of the entries' estimated costs (entries without a known price count 0). */
  costUsd: number;
}
