import { analyzeText } from '../text/analyze-text.ts';
import { focusOfSentences, type PassageReader, sentenceTerms } from './passage-focus.ts';
import { byScoreThenId, type RankedChunk } from './ranked-chunk.ts';

/** Settings of {@link focusRerank}. */
export interface FocusRerankOptions {
  /** Fused candidates rescored. */
  rerankDepth: number;
  /** Weight of passage focus against the fused score scaled to 0..1 (0 turns it off). */
  focusWeight: number;
}

/** Sentences longer than this are read as pieces of at most this many characters. */
export const FOCUS_SENTENCE_CHARS = 400;

const reading: PassageReader = {
  sentences: (text) => sentenceTerms(text, FOCUS_SENTENCE_CHARS),
  termSet: (text) => new Set(analyzeText(text)),
};

/**
 * Second stage: the best fused candidates are rescored by their fused score (scaled so the top is
 * 1) plus `focusWeight` times the lexical confidence times their passage focus (see
 * `passageFocus`), which reads question and passage together. `reader` reads the passages (a
 * remembering one, see `rememberingPassageReader`, saves reading the same chunks for every question).
 */
export const focusRerank = (
  ranked: readonly RankedChunk[],
  weights: ReadonlyMap<string, number>,
  confidence: number,
  options: FocusRerankOptions,
  reader: PassageReader = reading,
): RankedChunk[] => {
  const { rerankDepth } = options;
  // Focus reads the question's words; when the library barely shares them (paraphrases), it
  // would only push the dense finds back down, so it counts in proportion to lexical confidence.
  const focusWeight = options.focusWeight * confidence;
  const top = ranked[0]?.score ?? 0;
  if (focusWeight <= 0 || top <= 0) return [...ranked];
  const head = ranked.slice(0, rerankDepth).map((item) => {
    // The file name and the section heading frame every sentence of the chunk.
    const always = reader.termSet(`${item.document.name.replace(/\.[^.]*$/u, '')}\n${item.chunk.heading ?? ''}`);
    const focus = focusOfSentences(reader.sentences(item.chunk.text), weights, { span: 2, always });
    return { ...item, score: item.score / top + focusWeight * focus };
  });
  head.sort(byScoreThenId);
  // Candidates below the reranked head keep their order and score no higher than any of it.
  const floor = Math.min(0, ...head.map((item) => item.score));
  return [...head, ...ranked.slice(rerankDepth).map((item) => ({ ...item, score: Math.min(item.score / top, floor) }))];
};
