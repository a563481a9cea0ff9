import { type CollapsedText, collapseWhitespace, qaNormalise } from './qa-normal-form.ts';
import type { AnswerSpan, QaQuestion } from './qa-set.ts';

/** A character range `[start, end)` of Docent's normalised text of a document. */
export interface TextRange {
  start: number;
  end: number;
}

/** An answer span and where it sits in Docent's text of its document (null: not found there). */
export interface GoldSpan extends AnswerSpan {
  range: TextRange | null;
}

/**
 * Where the span is in `documentText`, tolerant of whitespace: the normalised span is searched in
 * the text with its whitespace collapsed, and the match mapped back through the collapsed text's
 * offsets. The README promises one occurrence, so the first is the one.
 */
export const locateSpan = (documentText: CollapsedText, span: string): TextRange | null => {
  const needle = qaNormalise(span);
  const at = needle === '' ? -1 : documentText.text.indexOf(needle);
  if (at < 0) return null;
  const start = documentText.offsets[at] as number;
  // A normalised span ends on a non-space, which maps to exactly one character of the original.
  const end = (documentText.offsets[at + needle.length - 1] as number) + 1;
  return { start, end };
};

/**
 * Every question's spans located in Docent's text of their documents (by file name), by question
 * id; each document's text is collapsed once.
 */
export const locateGoldSpans = (
  documents: readonly { name: string; text: string }[],
  questions: readonly QaQuestion[],
): ReadonlyMap<string, GoldSpan[]> => {
  const collapsed = new Map<string, CollapsedText>();
  const textOf = (name: string): CollapsedText | undefined => {
    if (!collapsed.has(name)) {
      const document = documents.find((d) => d.name === name);
      if (document !== undefined) collapsed.set(name, collapseWhitespace(document.text));
    }
    return collapsed.get(name);
  };
  return new Map(
    questions.map((q) => [
      q.id,
      q.spans.map((span) => {
        const text = textOf(span.doc);
        return { ...span, range: text === undefined ? null : locateSpan(text, span.text) };
      }),
    ]),
  );
};
