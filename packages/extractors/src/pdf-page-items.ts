import type { getResolvedPDFJS } from 'unpdf';
import type { LigatureFonts } from './pdf-ligature-fonts.ts';
import { shownText, textRuns } from './pdf-ligature-glyphs.ts';
import { restoreLigatures } from './pdf-ligature-restore.ts';
import type { PdfTextItem } from './pdf-lines.ts';

type PdfJs = Awaited<ReturnType<typeof getResolvedPDFJS>>;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;

/** A pdf.js text item with the loaded name of the font it is drawn in. */
type FontedItem = PdfTextItem & { fontName: string };

// Marked-content markers carry no text.
const textItems = (items: readonly object[]): FontedItem[] =>
  items.filter((item): item is FontedItem => 'str' in item && 'transform' in item);

/**
 * The text items of one page in content order, with the ligatures pdf.js lost (TeX's OT1 codes, see
 * pdf-ligature-glyphs.ts) written back from the page's operator list when its fonts can hide them.
 */
export const pageItems = async (
  page: PdfPage,
  pdfjs: Pick<PdfJs, 'OPS' | 'AnnotationMode'>,
  fonts: LigatureFonts,
): Promise<PdfTextItem[]> => {
  const items = textItems((await page.getTextContent()).items);
  if (!fonts.needOperators(new Set(items.map((item) => item.fontName)), page.commonObjs)) return items;
  // Annotations are not part of the text content, so their appearance streams are not read either.
  const operators = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
  const shown = shownText(textRuns(operators, pdfjs.OPS), (font) => fonts.codesOf(font, page.commonObjs));
  return restoreLigatures(items, shown);
};
