import type { ContentType } from '@docent/domain';
import { sniffImage } from './ocr/image-formats.ts';
import { decodeUtf8, looksBinary } from './utf8-text.ts';
import { isZip, zipMemberNames } from './zip-archive.ts';

/*
 * How a file's type is decided, in this order:
 * 1. The bytes decide binary formats, whatever the name says: `%PDF-` within the first 1024 bytes
 *    (where readers look for the header) is PDF; a ZIP whose central directory lists
 *    `word/document.xml` is DOCX; any other ZIP is unsupported. PNG, JPEG, TIFF and WebP signatures
 *    are images, supported only when the extractor reads them by OCR (`images`).
 * 2. A `.pdf`, `.docx` or image name on bytes that are not that format is unsupported: a file
 *    labelled as a binary document is never reinterpreted as text.
 * 3. Everything else must be text: strict UTF-8 (a BOM is allowed), no NUL, few control characters.
 *    Anything else is unsupported, whatever its extension.
 * 4. A known text extension decides among text formats: `.html` `.htm` `.xhtml` are HTML, `.md`
 *    `.markdown` Markdown, `.txt` plain text. It wins over sniffing, so a `.txt` holding markup is
 *    shown as the text it is.
 * 5. Without a known extension, text that starts (after BOM, whitespace, comments and an XML
 *    declaration) with `<!doctype html` or `<html` is HTML; any other text is plain text.
 */

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PDF_HEADER_WINDOW = 1024;
const DOCX_MAIN_PART = 'word/document.xml';

const TEXT_EXTENSIONS: Readonly<Record<string, ContentType>> = {
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'text/html',
  md: 'text/markdown',
  markdown: 'text/markdown',
  txt: 'text/plain',
};

const BINARY_EXTENSIONS = new Set(['pdf', 'docx', 'png', 'jpg', 'jpeg', 'tif', 'tiff', 'webp']);
const HTML_PROLOGUE = /^(?:\s+|<!--[\s\S]*?-->|<\?xml[\s\S]*?\?>)*/;
const HTML_START = /^(?:<!doctype\s+html|<html[\s>])/i;

const extensionOf = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

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

/** True when text opens like an HTML document rather than a fragment or other text. */
export const startsLikeHtml = (text: string): boolean => {
  const prologue = HTML_PROLOGUE.exec(text)?.[0].length ?? 0;
  return HTML_START.test(text.slice(prologue, prologue + 64));
};

/** What the extractor asking can read beyond the text formats, PDF and DOCX. */
export interface DetectOptions {
  /** Images (PNG, JPEG, TIFF, WebP): true when OCR is on. */
  images: boolean;
}

/**
 * The content type of an uploaded file from its bytes and name, or null when it is not supported.
 * See the rules at the top of this file.
 */
export const detectType = (
  name: string,
  bytes: Uint8Array,
  options: DetectOptions = { images: false },
): ContentType | null => {
  if (hasPdfHeader(bytes)) return PDF;
  const image = sniffImage(bytes);
  if (image !== null) return options.images ? image : null;
  if (isZip(bytes)) return zipMemberNames(bytes)?.includes(DOCX_MAIN_PART) ? DOCX : null;
  const extension = extensionOf(name);
  if (BINARY_EXTENSIONS.has(extension)) return null;
  const text = decodeUtf8(bytes);
  if (text === null || looksBinary(text)) return null;
  return TEXT_EXTENSIONS[extension] ?? (startsLikeHtml(text) ? 'text/html' : 'text/plain');
};
