import type { Answer, Citation, HistoryEntry, Source } from '@docent/domain';

const withPage = (page: number | undefined) => (page === undefined ? {} : { page });

/** A citation: the document, page and exact quoted span. */
export const presentCitation = (citation: Citation) => ({
  documentId: citation.documentId,
  documentName: citation.documentName,
  ...withPage(citation.page),
  charStart: citation.charStart,
  charEnd: citation.charEnd,
  quote: citation.quote,
});

const presentSource = (source: Source) => ({
  rank: source.rank,
  documentId: source.documentId,
  documentName: source.documentName,
  chunkId: source.chunkId,
  ...withPage(source.page),
  charStart: source.charStart,
  charEnd: source.charEnd,
  score: source.score,
  text: source.text,
});

/** An answer with its citations, ranked sources and timings. */
export const presentAnswer = (answer: Answer) => ({
  answer: answer.answer,
  abstained: answer.abstained,
  citations: answer.citations.map(presentCitation),
  sources: answer.sources.map(presentSource),
  timings: {
    retrievalMs: answer.timings.retrievalMs,
    answerMs: answer.timings.answerMs,
    totalMs: answer.timings.totalMs,
  },
});

/** A history entry without its owner id. */
export const presentHistoryEntry = (entry: HistoryEntry) => ({
  id: entry.id,
  question: entry.question,
  answer: entry.answer,
  abstained: entry.abstained,
  citations: entry.citations.map(presentCitation),
  ...(entry.documentIds === undefined ? {} : { documentIds: [...entry.documentIds] }),
  askedAt: entry.askedAt,
  ...(entry.redacted === undefined ? {} : { redacted: entry.redacted }),
});
