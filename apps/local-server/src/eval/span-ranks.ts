import { qaNormalise } from './qa-normal-form.ts';
import type { AnswerSpan } from './qa-set.ts';

/** A retrieved passage as the metrics see it: its document's file name and its text. */
export interface RetrievedPassage {
  documentName: string;
  text: string;
}

/**
 * Where a span was first found in a ranking: the 1-based rank of the first passage holding it
 * (`lenient`), and of the first such passage from the span's own document (`strict`); null when
 * none of the ranks evaluated holds it.
 */
export interface SpanRanks {
  lenient: number | null;
  strict: number | null;
}

/** Ranks evaluated per question: the README asks for at least the top 10. */
export const EVAL_DEPTH = 10;

/**
 * The ranks at which each span is hit within the top `depth` passages. A hit is the normalised
 * span as a case-sensitive substring of the normalised passage; a span cut across two passages
 * is a miss, as the README says.
 */
export const spanRanks = (
  passages: readonly RetrievedPassage[],
  spans: readonly AnswerSpan[],
  depth = EVAL_DEPTH,
): SpanRanks[] => {
  const top = passages.slice(0, depth).map((p) => ({ doc: p.documentName, text: qaNormalise(p.text) }));
  return spans.map((span) => {
    const needle = qaNormalise(span.text);
    let lenient: number | null = null;
    let strict: number | null = null;
    top.forEach((passage, i) => {
      if (!passage.text.includes(needle)) return;
      lenient ??= i + 1;
      if (passage.doc === span.doc) strict ??= i + 1;
    });
    return { lenient, strict };
  });
};
