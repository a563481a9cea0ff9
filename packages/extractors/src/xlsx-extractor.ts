import type { RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { parseRelationships, relationshipsPath } from './ooxml-relationships.ts';
import { finishDocument } from './raw-blocks.ts';
import { DEFAULT_SHEET_LIMITS, SheetBlocks, type SheetLimits } from './sheet-table.ts';
import { xmlTokens } from './xml-tokens.ts';
import { ZipParts } from './zip-parts.ts';

const WORKBOOK = 'xl/workbook.xml';
const CONTENT_TYPES = '[Content_Types].xml';
/** More columns than Excel allows (16,384): a cell reference past it is not trusted. */
const MAX_COLUMN = 16_384;

/** The strings cells point to with `t="s"`: each `<si>`'s text runs, phonetic guides left out. */
const sharedStrings = (xml: string | undefined): string[] => {
  const strings: string[] = [];
  if (xml === undefined) return strings;
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && !token.selfClosing) {
      if (token.name === 'si') current = '';
      else if (token.name === 'rPh') phonetic++;
      else if (token.name === 't') inText = true;
    } else if (token.kind === 'open' && token.name === 'si') strings.push('');
    else if (token.kind === 'close') {
      if (token.name === 'si') strings.push(current ?? '');
      else if (token.name === 'rPh') phonetic--;
      else if (token.name === 't') inText = false;
    } else if (token.kind === 'text' && inText && phonetic === 0 && current !== undefined) current += token.text;
  }
  return strings;
};

/** The 0-based column of a reference like `AB12`, or undefined. */
const columnOf = (reference: string | undefined): number | undefined => {
  const letters = /^([A-Z]{1,3})\d/.exec(reference ?? '')?.[1];
  if (letters === undefined) return undefined;
  let column = 0;
  for (const letter of letters) column = column * 26 + (letter.charCodeAt(0) - 64);
  return column <= MAX_COLUMN ? column - 1 : undefined;
};

const cellValue = (type: string | undefined, value: string, inline: string, strings: string[]): string => {
  if (type === 's') return strings[Number(value)] ?? '';
  if (type === 'inlineStr') return inline;
  if (type === 'b') return value === '1' ? 'TRUE' : 'FALSE';
  return value; // numbers, formula strings and errors as stored (dates stay serial numbers)
};

/** The rows of a worksheet part, each as its cells placed by their references. */
function* worksheetRows(xml: string, strings: string[]): Generator<string[]> {
  let row: string[] | undefined;
  let cell: { column: number; type: string | undefined; value: string; inline: string } | undefined;
  let field: 'value' | 'inline' | undefined;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open') {
      if (token.name === 'row' && !token.selfClosing) row = [];
      else if (token.name === 'c' && row !== undefined && !token.selfClosing) {
        const column = columnOf(token.attributes.r) ?? row.length;
        cell = { column, type: token.attributes.t, value: '', inline: '' };
      } else if (token.name === 'v' && !token.selfClosing) field = 'value';
      else if (token.name === 't' && !token.selfClosing && cell?.type === 'inlineStr') field = 'inline';
    } else if (token.kind === 'text' && cell !== undefined && field !== undefined) {
      cell[field] += token.text;
    } else if (token.kind === 'close') {
      if (token.name === 'v' || token.name === 't') field = undefined;
      else if (token.name === 'c' && cell !== undefined && row !== undefined) {
        while (row.length < cell.column) row.push('');
        row[cell.column] = cellValue(cell.type, cell.value, cell.inline, strings);
        cell = undefined;
      } else if (token.name === 'row' && row !== undefined) {
        yield row;
        row = undefined;
      }
    }
  }
}

/** The sheets in workbook order: name and the member path of its worksheet part. */
const workbookSheets = (parts: ZipParts): Array<{ name: string; path: string }> => {
  const workbook = parts.require(WORKBOOK);
  const relationships = parseRelationships(
    parts.read([relationshipsPath(WORKBOOK)]).get(relationshipsPath(WORKBOOK)),
    WORKBOOK,
  );
  const sheets: Array<{ name: string; path: string }> = [];
  for (const token of xmlTokens(workbook)) {
    if (token.kind !== 'open' || token.name !== 'sheet') continue;
    const target = relationships.get(token.attributes['r:id'] ?? '')?.target;
    if (target !== undefined)
      sheets.push({ name: token.attributes.name ?? `Sheet ${sheets.length + 1}`, path: target });
  }
  return sheets;
};

/**
 * Excel workbook: every worksheet in workbook order as a table (see `sheet-table.ts`); shared and
 * inline strings, numbers and booleans as stored. Throws `extraction_failed` for a damaged archive,
 * `too_large` past `maxInflatedBytes` or `maxExtractedChars`.
 */
export const extractXlsx = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  sheetLimits: SheetLimits = DEFAULT_SHEET_LIMITS,
): RawDocument => {
  const parts = new ZipParts(bytes, limits.maxInflatedBytes, 'Excel');
  try {
    const sheets = workbookSheets(parts);
    const strings = sharedStrings(parts.read(['xl/sharedStrings.xml']).get('xl/sharedStrings.xml'));
    const out = new SheetBlocks(new CharBudget(limits.maxExtractedChars), sheetLimits);
    // One sheet at a time, so only one worksheet's XML is in memory besides the shared strings.
    for (const sheet of sheets) {
      const xml = parts.read([sheet.path]).get(sheet.path);
      if (xml !== undefined) out.addSheet(sheet.name, worksheetRows(xml, strings));
    }
    return finishDocument('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', out.blocks);
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw parts.failed('its XML is malformed', error);
  }
};

/** Excel workbooks: an OOXML package (`[Content_Types].xml`) with `xl/workbook.xml`. */
export const XLSX_FORMAT: FormatDefinition = {
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  label: 'Excel',
  extensions: ['xlsx'],
  detection: { kind: 'zip', sniff: ({ names }) => names.has(CONTENT_TYPES) && names.has(WORKBOOK) },
  extract: (bytes, limits) => extractXlsx(bytes, limits),
};
