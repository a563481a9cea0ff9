import type { DocumentText, HeadingSpan, PageSpan } from '../entities/chunk.ts';
import type { RawDocument } from '../entities/raw-document.ts';

// Exactly the characters Python's `str.isspace()` accepts, which is what the qa-dev normal form
// (`re.sub(r"\s+", " ", s)`) collapses. JavaScript's `\s` differs: it adds U+FEFF and misses
// U+001C-U+001F and U+0085.
// biome-ignore lint/suspicious/noControlCharactersInRegex: those control characters are whitespace to Python.
const WHITESPACE_RUN = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/gu;

/**
 * The qa-dev normal form of a string: Unicode NFKC, every whitespace run replaced by one space,
 * trimmed. Applied per block by `normalizeDocument`, and usable on questions or quotes.
 */
export const normalizeWhitespace = (text: string): string => {
  const collapsed = text.normalize('NFKC').replace(WHITESPACE_RUN, ' ');
  // Not `trim()`: it would also strip U+FEFF, which the normal form keeps.
  const start = collapsed.startsWith(' ') ? 1 : 0;
  const end = collapsed.length - (collapsed.length > start && collapsed.endsWith(' ') ? 1 : 0);
  return collapsed.slice(start, end);
};

/**
 * Turns extracted blocks into the one normalised text every offset refers to. Each block is
 * normalised on its own (see `normalizeWhitespace`); empty blocks are dropped; blocks are joined
 * with "\n". Pages and headings are recorded as ranges of that text; a page with OCR blocks is marked
 * `ocr` with their length-weighted mean confidence.
 */
export const normalizeDocument = (raw: RawDocument): DocumentText => {
  const parts: string[] = [];
  const blocks: DocumentText['blocks'] = [];
  const headings: HeadingSpan[] = [];
  const pageRanges = new Map<number, PageSpan>();
  const ocrWeights = new Map<number, { chars: number; sum: number }>();
  let offset = 0;
  for (const block of raw.blocks) {
    const text = normalizeWhitespace(block.text);
    if (text === '') continue;
    if (parts.length > 0) offset += 1;
    const charStart = offset;
    const charEnd = offset + text.length;
    parts.push(text);
    blocks.push({ charStart, charEnd });
    if (block.kind === 'heading') headings.push({ level: block.level ?? 1, text, charStart, charEnd });
    if (block.page !== undefined) {
      const span = pageRanges.get(block.page);
      if (span === undefined) pageRanges.set(block.page, { page: block.page, charStart, charEnd });
      else span.charEnd = charEnd;
      if (block.ocr !== undefined) {
        const weight = ocrWeights.get(block.page) ?? { chars: 0, sum: 0 };
        weight.chars += text.length;
        weight.sum += text.length * block.ocr.confidence;
        ocrWeights.set(block.page, weight);
      }
    }
    offset = charEnd;
  }
  for (const [page, { chars, sum }] of ocrWeights) {
    const span = pageRanges.get(page) as PageSpan;
    span.ocr = { confidence: Math.round((sum / chars) * 10) / 10 };
  }
  const pages = [...pageRanges.values()].sort((a, b) => a.page - b.page);
  return { text: parts.join('\n'), pages, headings, blocks };
};
