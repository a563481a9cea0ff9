import { type ContentType, DocentError, type RawBlock, type RawDocument, type TextExtractor } from '@docent/domain';

const TYPES_BY_EXTENSION: Readonly<Record<string, ContentType>> = {
  txt: 'text/plain',
  text: 'text/plain',
  md: 'text/markdown',
  markdown: 'text/markdown',
};

const HEADING = /^(#{1,6})\s+(.*)$/;

const decode = (bytes: Uint8Array): string | null => {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
};

const toBlock = (paragraph: string, markdown: boolean): RawBlock => {
  const heading = markdown ? HEADING.exec(paragraph) : null;
  if (heading?.[1] !== undefined && heading[2] !== undefined) {
    return { kind: 'heading', level: heading[1].length, text: heading[2] };
  }
  return { kind: 'paragraph', text: paragraph };
};

/**
 * A real, deliberately small TextExtractor for plain text and Markdown: the type comes from the
 * extension plus a strict UTF-8 check, paragraphs are split on blank lines and `#` lines become
 * headings. The full extractors package covers PDF, DOCX and HTML; HTTP tests need only this.
 */
export class PlainTextExtractor implements TextExtractor {
  readonly formats = [
    { contentType: 'text/plain', label: 'Text', extensions: ['txt', 'text'] },
    { contentType: 'text/markdown', label: 'Markdown', extensions: ['md', 'markdown'] },
  ];

  detectType(name: string, bytes: Uint8Array): ContentType | null {
    const extension = name.toLowerCase().split('.').pop() ?? '';
    const type = TYPES_BY_EXTENSION[extension];
    return type !== undefined && decode(bytes) !== null ? type : null;
  }

  async extract(bytes: Uint8Array, contentType: ContentType): Promise<RawDocument> {
    const text = decode(bytes);
    if (text === null) throw new DocentError('binary_content', 'The file is not UTF-8 text');
    const markdown = contentType === 'text/markdown';
    const blocks = text
      .split(/\r?\n\s*\r?\n/)
      .map((paragraph) => paragraph.trim())
      .filter((paragraph) => paragraph !== '')
      .map((paragraph) => toBlock(paragraph, markdown));
    if (blocks.length === 0) throw new DocentError('empty_document', 'The file contains no text');
    return { contentType, blocks };
  }
}
