/** A cited span of a document's normalised text. `quote` equals that slice exactly. */
export interface Citation {
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
}
