import type { TermStatistics } from '../ports/lexical-index.ts';
import { analyzeText } from '../text/analyze-text.ts';

// Single letters left over from possessives and short flags ("tmux's", "-L") carry no evidence.
const isNoise = (term: string): boolean => /^\p{L}$/u.test(term);

/** The distinct index terms of a question that can carry evidence, in order of first use. */
export const questionTerms = (question: string): string[] => [
  ...new Set(analyzeText(question).filter((term) => !isNoise(term))),
];

/**
 * How informative each term is among the owner's chunks: BM25's inverse document frequency,
 * `ln(1 + (N - df + 0.5) / (df + 0.5))`. A term no chunk holds weighs most, so a question about
 * something the library lacks keeps that missing evidence in view.
 */
export const termWeights = (terms: readonly string[], stats: TermStatistics): Map<string, number> => {
  const n = stats.chunkCount;
  return new Map(
    terms.map((term) => {
      const df = Math.min(n, stats.chunkFrequencies.get(term) ?? 0);
      return [term, Math.log(1 + (n - df + 0.5) / (df + 0.5))];
    }),
  );
};

/** The share (0..1) of the weighted question terms that `present` holds; 0 when nothing weighs. */
export const weightedCoverage = (weights: ReadonlyMap<string, number>, present: ReadonlySet<string>): number => {
  let total = 0;
  let found = 0;
  for (const [term, weight] of weights) {
    total += weight;
    if (present.has(term)) found += weight;
  }
  return total === 0 ? 0 : found / total;
};
