import type { RawBlock } from '@docent/domain';
import { createIsomorphicCanvasFactory, type getResolvedPDFJS } from 'unpdf';
import type { CharBudget } from './extraction-limits.ts';
import { mapLimited } from './ocr/map-limited.ts';
import type { Ocr } from './ocr/ocr.ts';
import { ocrBlocks } from './ocr/ocr-blocks.ts';
import { tooManyOcrPages } from './ocr/ocr-settings.ts';
import { renderPageImage } from './pdf-page-image.ts';
import { hasAlmostNoText, pageImageDpi } from './pdf-scanned-pages.ts';

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** A scanned page waiting for OCR, with the length of the text layer it may replace. */
interface ScannedPage {
  page: number;
  textChars: number;
  /** The resolution of its scan, when known. */
  dpi: number | undefined;
}

const NON_SPACE = /\S/g;
const visibleChars = (text: string): number => text.match(NON_SPACE)?.length ?? 0;

/**
 * The canvas factory pdf.js needs to render pages (given when the document is opened); loads
 * @napi-rs/canvas, so it is asked for only when OCR is on.
 */
export const pdfCanvasFactory = (): ReturnType<typeof createIsomorphicCanvasFactory> =>
  createIsomorphicCanvasFactory(() => import('@napi-rs/canvas'));

/**
 * Finds the scanned pages of a PDF while its text is read (see pdf-scanned-pages.ts), refusing the
 * document with `too_large` as soon as more pages than `maxPages` need OCR, before any is recognised.
 */
export class ScannedPages {
  readonly #ocr: Ocr;
  readonly #pdfjs: PdfJs;
  readonly #pages: ScannedPage[] = [];

  constructor(ocr: Ocr, pdfjs: PdfJs) {
    this.#ocr = ocr;
    this.#pdfjs = pdfjs;
  }

  /** Looks at one page after its text is read: `text` is its text layer. */
  async check(page: PdfPage, text: string): Promise<void> {
    if (!hasAlmostNoText(text.length, page.view)) return;
    const dpi = await pageImageDpi(page, this.#pdfjs);
    if (dpi === null) return;
    this.#pages.push({ page: page.pageNumber, textChars: visibleChars(text), dpi });
    if (this.#pages.length > this.#ocr.settings.maxPages) throw tooManyOcrPages(this.#pages.length, this.#ocr.settings);
  }

  /**
   * The OCR blocks of each scanned page whose recognised text is longer than its text layer (which
   * rendering includes, so nothing typed on a scan is lost), by page number.
   */
  async recognise(pdf: PdfDocument, budget: CharBudget): Promise<Map<number, RawBlock[]>> {
    const { settings } = this.#ocr;
    const read = await mapLimited(this.#pages, settings.workers, async ({ page: number, textChars, dpi }) => {
      const page = await pdf.getPage(number);
      try {
        const image = await renderPageImage(page, this.#pdfjs, settings.maxMegapixels, dpi);
        const recognised = await this.#ocr.recognize(image);
        const chars = recognised.paragraphs.reduce((sum, paragraph) => sum + visibleChars(paragraph.text), 0);
        return chars > textChars ? ([number, ocrBlocks(recognised, number, budget)] as const) : undefined;
      } finally {
        page.cleanup();
      }
    });
    return new Map(read.filter((entry) => entry !== undefined));
  }
}
