import type { DocumentFormat } from '@docent/domain';
import { CSV_FORMAT } from './csv-extractor.ts';
import { DOCX_FORMAT } from './docx-extractor.ts';
import { EML_FORMAT } from './eml-extractor.ts';
import { EPUB_FORMAT } from './epub-extractor.ts';
import type { FormatDefinition } from './format-definition.ts';
import { HTML_FORMAT } from './html-extractor.ts';
import { MARKDOWN_FORMAT } from './markdown-extractor.ts';
import { MBOX_FORMAT } from './mbox-extractor.ts';
import { IMAGE_FORMATS } from './ocr/image-format-definitions.ts';
import { ODP_FORMAT } from './odp-extractor.ts';
import { ODS_FORMAT } from './ods-extractor.ts';
import { ODT_FORMAT } from './odt-extractor.ts';
import { PDF_FORMAT } from './pdf-extractor.ts';
import { PPTX_FORMAT } from './pptx-extractor.ts';
import { RTF_FORMAT } from './rtf-extractor.ts';
import { PLAIN_TEXT_FORMAT } from './text-extractor.ts';
import { XLSX_FORMAT } from './xlsx-extractor.ts';

/**
 * Every format Docent reads, in the order detection tries them and people see them: adding a
 * format is its definition (beside its extractor) plus one line here. Plain text comes last: it
 * is what UTF-8 text no other format claims.
 */
export const FORMATS: readonly FormatDefinition[] = [
  PDF_FORMAT,
  DOCX_FORMAT,
  PPTX_FORMAT,
  XLSX_FORMAT,
  ODT_FORMAT,
  ODS_FORMAT,
  ODP_FORMAT,
  EPUB_FORMAT,
  HTML_FORMAT,
  MARKDOWN_FORMAT,
  CSV_FORMAT,
  EML_FORMAT,
  MBOX_FORMAT,
  RTF_FORMAT,
  // Images are found by their bytes wherever they stand; listed after the documents people expect first.
  ...IMAGE_FORMATS,
  PLAIN_TEXT_FORMAT,
];

/** The formats an extractor reads: all of them with OCR on, all but the images without. */
export const formatsWith = (ocr: boolean): readonly FormatDefinition[] =>
  ocr ? FORMATS : FORMATS.filter((format) => format.needsOcr !== true);

/** The registered format of a content type, or undefined. */
export const formatOf = (
  contentType: string,
  formats: readonly FormatDefinition[] = FORMATS,
): FormatDefinition | undefined => formats.find((format) => format.contentType === contentType);

/** The formats as clients see them: type, label and extensions, without the machinery. */
export const describeFormats = (formats: readonly FormatDefinition[] = FORMATS): DocumentFormat[] =>
  formats.map(({ contentType, label, extensions }) => ({ contentType, label, extensions }));
