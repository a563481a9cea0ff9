import { analyzeText } from '../text/analyze-text.ts';
import { splitSentences } from '../text/sentences.ts';
import { weightedCoverage } from './term-rarity.ts';

/**
 * How much of the question the passage's best stretch of `span` consecutive sentences holds, as a
 * weighted share of the question's terms (0..1). A passage that answers says it in one place; one
 * that merely mentions the question's words here and there scores low. Terms of `always` (such as
 * the document's name) count as present everywhere.
 */
export const passageFocus = (
  text: string,
  weights: ReadonlyMap<string, number>,
  options: { span: number; maxSentenceChars: number; always?: ReadonlySet<string> },
): number => {
  const sentences = splitSentences(text, options.maxSentenceChars).map(
    (range) => new Set(analyzeText(text.slice(range.start, range.end))),
  );
  let best = 0;
  for (let start = 0; start < Math.max(1, sentences.length - options.span + 1); start++) {
    const present = new Set(options.always ?? []);
    for (const terms of sentences.slice(start, start + options.span)) for (const term of terms) present.add(term);
    best = Math.max(best, weightedCoverage(weights, present));
  }
  return best;
};
