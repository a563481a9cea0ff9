import type { RawDocument } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { finishDocument } from './raw-blocks.ts';
import { DEFAULT_SHEET_LIMITS, SheetBlocks, type SheetLimits } from './sheet-table.ts';
import { decodeTextContent } from './utf8-text.ts';

const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter used most on the first line outside quotes: comma, semicolon (European Excel) or tab. */
export const sniffDelimiter = (text: string): string => {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
};

/**
 * The records of RFC 4180 text: fields split at `delimiter`, quoted fields may hold delimiters,
 * line breaks and doubled quotes. Lenient as spreadsheet programs are: a stray quote inside an
 * unquoted field is kept as a character.
 */
export function* csvRows(text: string, delimiter: string): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStart = true;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char !== '"') field += char;
      else if (text[index + 1] === '"') {
        field += '"';
        index++;
      } else quoted = false;
    } else if (char === '"' && fieldStart) {
      quoted = true;
      fieldStart = false;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      fieldStart = true;
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index++;
      row.push(field);
      yield row;
      row = [];
      field = '';
      fieldStart = true;
    } else {
      field += char;
      fieldStart = false;
    }
  }
  if (field !== '' || row.length > 0) yield [...row, field];
}

/** CSV (comma, semicolon or tab separated) as one sheet of `Header: value` rows; see `sheet-table.ts`. */
export const extractCsv = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  sheetLimits: SheetLimits = DEFAULT_SHEET_LIMITS,
): RawDocument => {
  const text = decodeTextContent(bytes);
  const sheet = new SheetBlocks(new CharBudget(limits.maxExtractedChars), sheetLimits);
  sheet.addSheet(undefined, csvRows(text, sniffDelimiter(text)));
  return finishDocument('text/csv', sheet.blocks);
};

/** CSV by its extension: comma-separated text cannot be told from prose reliably. */
export const CSV_FORMAT: FormatDefinition = {
  contentType: 'text/csv',
  label: 'CSV',
  extensions: ['csv', 'tsv'],
  detection: { kind: 'text' },
  extract: (bytes, limits) => extractCsv(bytes, limits),
};
