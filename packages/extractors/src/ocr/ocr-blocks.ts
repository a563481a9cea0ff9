import type { RawBlock } from '@docent/domain';
import type { CharBudget } from '../extraction-limits.ts';
import type { OcrPage } from './ocr-page.ts';

/**
 * The paragraphs of one recognised page as blocks marked `ocr` with their confidence, counted
 * against the document's character budget.
 */
export const ocrBlocks = (recognised: OcrPage, page: number, budget: CharBudget): RawBlock[] => {
  budget.take(recognised.paragraphs.reduce((sum, paragraph) => sum + paragraph.text.length, 0));
  return recognised.paragraphs.map(({ text, confidence }) => ({
    kind: 'paragraph',
    text,
    page,
    ocr: { confidence: Math.round(confidence * 10) / 10 },
  }));
};
