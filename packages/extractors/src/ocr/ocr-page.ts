import type Tesseract from 'tesseract.js';
import { joinLines } from '../dehyphenate.ts';

/** A paragraph tesseract found, its lines joined as a PDF paragraph's are (broken words mended). */
export interface OcrParagraph {
  text: string;
  /** Tesseract's mean word confidence for the paragraph, 0 to 100. */
  confidence: number;
}

/** What one image holds: its paragraphs in tesseract's reading order. */
export interface OcrPage {
  paragraphs: OcrParagraph[];
  /** Mean word confidence of the whole image, 0 to 100 (0 when nothing was found). */
  confidence: number;
}

const NON_SPACE = /\S/;

/** Tesseract's result (recognised with `blocks: true`) as paragraphs with text. */
export const ocrPageOf = (data: Tesseract.Page): OcrPage => {
  const paragraphs: OcrParagraph[] = [];
  for (const block of data.blocks ?? []) {
    for (const paragraph of block.paragraphs) {
      const text = joinLines(paragraph.lines.map((line) => line.text));
      if (NON_SPACE.test(text)) paragraphs.push({ text, confidence: paragraph.confidence });
    }
  }
  return { paragraphs, confidence: paragraphs.length > 0 ? data.confidence : 0 };
};
