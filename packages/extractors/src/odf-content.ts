import type { CharBudget } from './extraction-limits.ts';
import { type XmlToken, xmlTokens } from './xml-tokens.ts';

/** An open element of an ODF document: its name and attributes. */
export type OdfElement = Extract<XmlToken, { kind: 'open' }>;

/** What a format reader does with the parts of `content.xml` it cares about. */
export interface OdfHandlers {
  /** A non-empty element opened; `stack` holds the elements around it (outermost first). */
  open?(element: OdfElement, stack: readonly OdfElement[]): void;
  /** An element closed. */
  close?(name: string, stack: readonly OdfElement[]): void;
  /** A paragraph (`text:p`) or heading (`text:h`, with its outline level) ended. */
  paragraph(text: string, headingLevel: number | undefined, stack: readonly OdfElement[]): void;
}

/** Content that is not the document's text: comments, footnote marks, deleted text of tracked changes. */
const SKIPPED = new Set(['office:annotation', 'text:note-citation', 'text:tracked-changes', 'office:forms']);
const PARAGRAPHS = new Set(['text:p', 'text:h']);

/** Inline markup that stands for white space: `text:s` is `text:c` spaces (at most a line's worth). */
const spaceOf = (element: OdfElement): string => {
  if (element.name === 'text:tab') return '\t';
  if (element.name === 'text:line-break') return '\n';
  if (element.name === 'text:s') return ' '.repeat(Math.min(Number(element.attributes['text:c'] ?? 1) || 1, 200));
  return '';
};

/**
 * Walks an OpenDocument `content.xml` in document order and reports paragraphs with their text
 * (spans, links and fields read through, spaces and tabs restored), counting text against `budget`.
 * Paragraphs nested in a paragraph (a text box in a frame, a footnote body) end before it does.
 */
export const walkOdfContent = (xml: string, handlers: OdfHandlers, budget: CharBudget): void => {
  const stack: OdfElement[] = [];
  const paragraphs: Array<{ text: string; level: number | undefined }> = [];
  let skipped = 0;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'text') {
      const paragraph = paragraphs.at(-1);
      if (paragraph !== undefined && skipped === 0) {
        budget.take(token.text.length);
        paragraph.text += token.text;
      }
    } else if (token.kind === 'open') {
      const paragraph = paragraphs.at(-1);
      if (paragraph !== undefined && skipped === 0) paragraph.text += spaceOf(token);
      if (token.selfClosing) continue;
      if (SKIPPED.has(token.name)) skipped++;
      if (PARAGRAPHS.has(token.name)) {
        const level = token.name === 'text:h' ? Number(token.attributes['text:outline-level'] ?? 1) || 1 : undefined;
        paragraphs.push({ text: '', level });
      }
      handlers.open?.(token, stack);
      stack.push(token);
    } else {
      stack.pop();
      if (SKIPPED.has(token.name)) skipped--;
      if (PARAGRAPHS.has(token.name)) {
        const paragraph = paragraphs.pop();
        if (paragraph !== undefined && skipped === 0) handlers.paragraph(paragraph.text, paragraph.level, stack);
      }
      handlers.close?.(token.name, stack);
    }
  }
};

/** The innermost open element called `name`, if any. */
export const within = (stack: readonly OdfElement[], name: string): OdfElement | undefined =>
  stack.findLast((element) => element.name === name);
