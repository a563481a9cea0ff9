import type { RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { getResolvedPDFJS } from 'unpdf';
import {
  CharBudget,
  DEFAULT_EXTRACTION_LIMITS,
  type ExtractionLimits,
  formatCount,
  tooLarge,
} from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import type { Ocr } from './ocr/ocr.ts';
import { type PageLines, pdfBlocks } from './pdf-blocks.ts';
import { LigatureFonts } from './pdf-ligature-fonts.ts';
import { linesOfPage } from './pdf-lines.ts';
import { pdfCanvasFactory, ScannedPages } from './pdf-ocr.ts';
import { pageItems } from './pdf-page-items.ts';
import { finishDocument } from './raw-blocks.ts';

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type LoadingTask = ReturnType<PdfJs['getDocument']>;
type PdfDocument = Awaited<LoadingTask['promise']>;

const translateError = (error: unknown): DocentError => {
  if (error instanceof DocentError) return error;
  if (error instanceof Error && error.name === 'PasswordException') {
    return new DocentError('encrypted_pdf', 'The PDF is encrypted and needs a password.', { cause: error });
  }
  return new DocentError('extraction_failed', 'The PDF is damaged or not a PDF.', { cause: error });
};

// Each page's text is counted as it is read, so a huge text layer stops at the page that passes the
// limit; scanned pages are noted (and too many refused) in the same pass.
const readPages = async (
  pdfjs: PdfJs,
  pdf: PdfDocument,
  budget: CharBudget,
  scanned: ScannedPages | undefined,
): Promise<PageLines[]> => {
  const pages: PageLines[] = [];
  const fonts = new LigatureFonts();
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    const items = await pageItems(page, pdfjs, fonts);
    budget.take(items.reduce((sum, item) => sum + item.str.length, 0));
    pages.push({ page: number, lines: linesOfPage(items) });
    await scanned?.check(page, items.map((item) => item.str).join(''));
    page.cleanup();
  }
  return pages;
};

/** The blocks of every page in page order: OCR blocks in place of the text layer of recognised pages. */
const pageBlocks = (pages: readonly PageLines[], recognised: ReadonlyMap<number, RawBlock[]>): RawBlock[] => {
  if (recognised.size === 0) return pdfBlocks(pages);
  const typed = pdfBlocks(pages.filter(({ page }) => !recognised.has(page)));
  const blocks: RawBlock[] = [];
  let next = 0;
  for (const page of [...recognised.keys()].sort((a, b) => a - b)) {
    while (next < typed.length && (typed[next]?.page ?? 0) < page) blocks.push(typed[next++] as RawBlock);
    blocks.push(...(recognised.get(page) ?? []));
  }
  return blocks.concat(typed.slice(next));
};

const metadataTitle = async (pdf: PdfDocument): Promise<string | undefined> => {
  const { info } = await pdf.getMetadata();
  const title = (info as Record<string, unknown> | undefined)?.Title;
  return typeof title === 'string' && title.trim() !== '' ? title : undefined;
};

/**
 * Text of every page in reading order, with 1-based page numbers and headings found by font size.
 * With `ocr`, scanned pages (see pdf-scanned-pages.ts) are rendered and recognised, their blocks
 * marked `ocr`. Throws `encrypted_pdf` when a password is needed, `extraction_failed` for damaged
 * files, `too_large` past `maxPages`, `maxExtractedChars` or OCR's page limit, `empty_document` when
 * no page has text (a scan, without OCR).
 */
export const extractPdf = async (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  ocr?: Ocr,
): Promise<RawDocument> => {
  let task: LoadingTask | undefined;
  try {
    const pdfjs = await getResolvedPDFJS();
    // pdf.js takes ownership of the buffer it is given; hand it a copy so the caller's bytes survive.
    // The task is kept (unpdf's getDocumentProxy hides it) so that it is destroyed when loading fails
    // too: otherwise pdf.js goes on parsing a damaged file and rejects a promise nobody handles,
    // which ends the process (found by the fuzz test).
    // fontExtraProperties exports the font data that tells which fonts can hide ligatures.
    // Rendering scanned pages needs a canvas factory, given only with OCR (it loads a native module).
    const canvas = ocr === undefined ? {} : { CanvasFactory: await pdfCanvasFactory() };
    task = pdfjs.getDocument({
      data: bytes.slice(),
      useSystemFonts: true,
      verbosity: 0,
      fontExtraProperties: true,
      ...canvas,
    });
    const pdf = await task.promise;
    if (pdf.numPages > limits.maxPages) {
      const problem = `The PDF has ${formatCount(pdf.numPages)} pages, more than the limit of ${formatCount(limits.maxPages)}`;
      throw tooLarge('maxPages', problem);
    }
    const budget = new CharBudget(limits.maxExtractedChars);
    const scanned = ocr === undefined ? undefined : new ScannedPages(ocr, pdfjs);
    const pages = await readPages(pdfjs, pdf, budget, scanned);
    const blocks = pageBlocks(pages, (await scanned?.recognise(pdf, budget)) ?? new Map());
    const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text;
    const title = (await metadataTitle(pdf)) ?? firstHeading;
    return finishDocument('application/pdf', blocks, { pageCount: pdf.numPages, title });
  } catch (error) {
    throw translateError(error);
  } finally {
    await task?.destroy();
  }
};

const PDF_HEADER_WINDOW = 1024;

/** `%PDF-` within the first 1024 bytes, where readers look for the header. */
const hasPdfHeader = (bytes: Uint8Array): boolean => {
  const window = bytes.subarray(0, PDF_HEADER_WINDOW);
  const at = window.indexOf(0x25); // '%'
  for (let i = at; i >= 0 && i + 5 <= window.length; i = window.indexOf(0x25, i + 1)) {
    if (window[i + 1] === 0x50 && window[i + 2] === 0x44 && window[i + 3] === 0x46 && window[i + 4] === 0x2d) {
      return true;
    }
  }
  return false;
};

/** PDF, recognised by its header; scanned pages are read by OCR when it is on. */
export const PDF_FORMAT: FormatDefinition = {
  contentType: 'application/pdf',
  label: 'PDF',
  extensions: ['pdf'],
  detection: { kind: 'bytes', sniff: hasPdfHeader },
  extract: (bytes, limits, { ocr }) => extractPdf(bytes, limits, ocr),
};
