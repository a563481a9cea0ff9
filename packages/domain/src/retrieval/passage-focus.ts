import { analyzeText } from '../text/analyze-text.ts';
import { BoundedMemo } from '../text/bounded-memo.ts';
import { splitSentences } from '../text/sentences.ts';

/** A passage's sentences (long ones cut at `maxSentenceChars`), each as its distinct index terms. */
export const sentenceTerms = (text: string, maxSentenceChars: number): string[][] =>
  splitSentences(text, maxSentenceChars).map((range) => [...new Set(analyzeText(text.slice(range.start, range.end)))]);

/**
 * How much of the question the passage's best stretch of `span` consecutive sentences holds, as a
 * weighted share of the question's terms (0..1), from its `sentences` (see `sentenceTerms`). A
 * passage that answers says it in one place; one that merely mentions the question's words here
 * and there scores low. Terms of `always` (such as the document's name) count as present
 * everywhere. The shares add the weights in the order of `weights`, as `weightedCoverage` does.
 */
export const focusOfSentences = (
  sentences: readonly (readonly string[])[],
  weights: ReadonlyMap<string, number>,
  options: { span: number; always?: ReadonlySet<string> },
): number => {
  let best = 0;
  for (let start = 0; start < Math.max(1, sentences.length - options.span + 1); start++) {
    const stretch = sentences.slice(start, start + options.span);
    let total = 0;
    let found = 0;
    for (const [term, weight] of weights) {
      total += weight;
      if (options.always?.has(term) || stretch.some((terms) => terms.includes(term))) found += weight;
    }
    best = Math.max(best, total === 0 ? 0 : found / total);
  }
  return best;
};

/** {@link focusOfSentences} of a passage's text. */
export const passageFocus = (
  text: string,
  weights: ReadonlyMap<string, number>,
  options: { span: number; maxSentenceChars: number; always?: ReadonlySet<string> },
): number => focusOfSentences(sentenceTerms(text, options.maxSentenceChars), weights, options);

/** How the focus rerank reads passages: their sentences' terms and the terms of their frame. */
export interface PassageReader {
  /** The sentences' terms of a passage's text (see `sentenceTerms`). */
  sentences(text: string): readonly (readonly string[])[];
  /** The distinct terms of a text (a frame: file name and heading; a whole chunk). */
  termSet(text: string): ReadonlySet<string>;
}

/**
 * A {@link PassageReader} that remembers the last `maxEntries` passages and term sets it read: the
 * same chunks come back as candidates question after question, and analysing their sentences was
 * the focus rerank's whole cost. Keyed by the text itself, so a reprocessed document (new text)
 * can never be served an old analysis.
 */
export const rememberingPassageReader = (maxSentenceChars: number, maxEntries: number): PassageReader => {
  const sentences = new BoundedMemo(maxEntries, (text: string) => sentenceTerms(text, maxSentenceChars));
  const termSets = new BoundedMemo(maxEntries, (text: string) => new Set(analyzeText(text)));
  return { sentences: (text) => sentences.get(text), termSet: (text) => termSets.get(text) };
};
