import type { RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { getDocumentProxy } from 'unpdf';
import { type PageLines, pdfBlocks } from './pdf-blocks.ts';
import { linesOfPage, type PdfTextItem } from './pdf-lines.ts';
import { finishDocument } from './raw-blocks.ts';

/** Limits for PDF extraction. */
export interface PdfExtractionOptions {
  /** PDFs with more pages are refused with `payload_too_large` before any page is read. */
  maxPages: number;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

// Marked-content markers carry no text.
const textItems = (items: readonly object[]): PdfTextItem[] =>
  items.filter((item): item is PdfTextItem => 'str' in item && 'transform' in item);

const translateError = (error: unknown): DocentError => {
  if (error instanceof DocentError) return error;
  if (error instanceof Error && error.name === 'PasswordException') {
    return new DocentError('encrypted_pdf', 'The PDF is encrypted and needs a password.', { cause: error });
  }
  return new DocentError('extraction_failed', 'The PDF is damaged or not a PDF.', { cause: error });
};

const readPages = async (pdf: PdfDocument): Promise<PageLines[]> => {
  const pages: PageLines[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const content = await page.getTextContent();
    pages.push({ page: number, lines: linesOfPage(textItems(content.items)) });
    page.cleanup();
  }
  return pages;
};

const metadataTitle = async (pdf: PdfDocument): Promise<string | undefined> => {
  const { info } = await pdf.getMetadata();
  const title = (info as Record<string, unknown> | undefined)?.Title;
  return typeof title === 'string' && title.trim() !== '' ? title : undefined;
};

/**
 * Text of every page in reading order, with 1-based page numbers and headings found by font size.
 * Throws `encrypted_pdf` when a password is needed, `extraction_failed` for damaged files,
 * `payload_too_large` past `maxPages`, `empty_document` when no page has text (a scan).
 */
export const extractPdf = async (bytes: Uint8Array, options: PdfExtractionOptions): Promise<RawDocument> => {
  let pdf: PdfDocument | undefined;
  try {
    // pdf.js takes ownership of the buffer it is given; hand it a copy so the caller's bytes survive.
    pdf = await getDocumentProxy(bytes.slice(), { verbosity: 0 });
    if (pdf.numPages > options.maxPages) {
      throw new DocentError(
        'payload_too_large',
        `The PDF has ${pdf.numPages} pages; at most ${options.maxPages} are accepted.`,
        { details: { pageCount: pdf.numPages, maxPages: options.maxPages } },
      );
    }
    const blocks = pdfBlocks(await readPages(pdf));
    const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text;
    const title = (await metadataTitle(pdf)) ?? firstHeading;
    return finishDocument('application/pdf', blocks, { pageCount: pdf.numPages, title });
  } catch (error) {
    throw translateError(error);
  } finally {
    await pdf?.loadingTask.destroy();
  }
};
