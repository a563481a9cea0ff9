import type { ContentType } from '../src/entities/document.ts';
import type { RawBlock, RawDocument } from '../src/entities/raw-document.ts';
import { DocentError } from '../src/errors.ts';
import type { TextExtractor } from '../src/ports/text-extractor.ts';

// Test-only: a small but real TextExtractor for `.txt` and `.md` files, so use-case tests run the
// whole pipeline without the extractors package. Paragraphs are separated by blank lines; a
// one-line paragraph starting at column 0 in upper case (a man-page section title) or with `#`
// (a Markdown heading) becomes a heading. Form feeds separate pages, as in `pdftotext` output.

const TYPES: Record<string, ContentType> = { txt: 'text/plain', md: 'text/markdown' };

export class PlainTextExtractor implements TextExtractor {
  readonly formats = [
    { contentType: 'text/plain', label: 'Text', extensions: ['txt'] },
    { contentType: 'text/markdown', label: 'Markdown', extensions: ['md'] },
  ];

  /** `.txt` and `.md` files without NUL bytes. */
  detectType(name: string, bytes: Uint8Array): ContentType | null {
    const type = TYPES[name.split('.').at(-1)?.toLowerCase() ?? ''];
    if (type === undefined || bytes.includes(0)) return null;
    return type;
  }

  /** Blocks from paragraphs; `binary_content` or `extraction_failed` for what is not UTF-8 text. */
  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    if (bytes.includes(0)) throw new DocentError('binary_content', 'The file is not text.');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (error) {
      throw new DocentError('extraction_failed', 'The file is not valid UTF-8.', { cause: error });
    }
    const blocks: RawBlock[] = [];
    const pages = text.split('\f');
    pages.forEach((pageText, i) => {
      const page = pages.length > 1 ? { page: i + 1 } : {};
      for (const paragraph of pageText.split(/\n[ \t]*\n/u)) {
        const markdown = /^(#{1,6})\s+(.*)$/u.exec(paragraph.trim());
        if (markdown)
          blocks.push({ kind: 'heading', text: markdown[2] ?? '', level: markdown[1]?.length ?? 1, ...page });
        else if (/^[A-Z][A-Z ]+$/u.test(paragraph))
          blocks.push({ kind: 'heading', text: paragraph, level: 1, ...page });
        else blocks.push({ kind: 'paragraph', text: paragraph, ...page });
      }
    });
    return { contentType, blocks, ...(pages.length > 1 ? { pageCount: pages.length } : {}) };
  }
}
