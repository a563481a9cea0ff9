import type { Answer, AnswerUsage, Citation, HistoryEntry, Source } from '@docent/domain';

const withPage = (page: number | undefined) => (page === undefined ? {} : { page });

/** A citation: the document, page and exact quoted span. */
export const presentCitation = (citation: Citation) => ({
  ...(citation.marker === undefined ? {} : { marker: citation.marker }),
  documentId: citation.documentId,
  documentName: citation.documentName,
  ...withPage(citation.page),
  charStart: citation.charStart,
  charEnd: citation.charEnd,
  quote: citation.quote,
});

/** A ranked passage: the document, page, span, score and text (an answer's sources, a search's results). */
export const presentSource = (source: Source) => ({
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

const presentUsage = (usage: AnswerUsage | undefined) =>
  usage === undefined
    ? {}
    : {
        usage: {
          model: usage.model,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          ...(usage.costUsd === undefined ? {} : { costUsd: usage.costUsd }),
        },
      };

const presentStandalone = (standaloneQuestion: string | undefined) =>
  standaloneQuestion === undefined ? {} : { standaloneQuestion };

/** An answer with its citations, ranked sources, timings, conversation and model usage. */
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
  conversationId: answer.conversationId,
  ...presentStandalone(answer.standaloneQuestion),
  ...(answer.unsupported === undefined ? {} : { unsupported: [...answer.unsupported] }),
  ...presentUsage(answer.usage),
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
  ...(entry.conversationId === undefined ? {} : { conversationId: entry.conversationId }),
  ...presentStandalone(entry.standaloneQuestion),
  ...presentUsage(entry.usage),
});
