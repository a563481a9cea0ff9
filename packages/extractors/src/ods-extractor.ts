import type { RawDocument } from '@docent/domain';
import { type CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import { extractOdf, type OdfReader, odfFormat } from './odf-package.ts';
import { DEFAULT_SHEET_LIMITS, SheetBlocks, type SheetLimits } from './sheet-table.ts';

const ODS_TYPE = 'application/vnd.oasis.opendocument.spreadsheet';
/** Repeats written for formatting (a style over a million empty rows) are not rows to read. */
const MAX_REPEAT = 1024;

const repeat = (value: string | undefined): number => Math.min(Math.max(Number(value ?? 1) || 1, 1), MAX_REPEAT);

/**
 * Spreadsheet tables as sheets (see `sheet-table.ts`): rows and cells repeated by
 * `number-rows-repeated` / `number-columns-repeated` count as often as written (capped; empty
 * repeats are skipped anyway), a cell's paragraphs joined by line breaks.
 */
const spreadsheetReader =
  (sheetLimits: SheetLimits) =>
  (budget: CharBudget): OdfReader => {
    const out = new SheetBlocks(budget, sheetLimits);
    let name: string | undefined;
    let rows: string[][] = [];
    let row: string[] | undefined;
    let rowRepeat = 1;
    let cell: { text: string; repeat: number } | undefined;
    return {
      open(element) {
        if (element.name === 'table:table') {
          name = element.attributes['table:name'];
          rows = [];
        } else if (element.name === 'table:table-row') {
          row = [];
          rowRepeat = repeat(element.attributes['table:number-rows-repeated']);
        } else if (element.name === 'table:table-cell' || element.name === 'table:covered-table-cell') {
          cell = { text: '', repeat: repeat(element.attributes['table:number-columns-repeated']) };
        }
      },
      close(closed) {
        if ((closed === 'table:table-cell' || closed === 'table:covered-table-cell') && cell !== undefined && row) {
          for (let i = 0; i < cell.repeat; i++) row.push(cell.text);
          cell = undefined;
        } else if (closed === 'table:table-row' && row !== undefined) {
          while (row.length > 0 && row.at(-1)?.trim() === '') row.pop();
          if (row.some((value) => value.trim() !== '')) for (let i = 0; i < rowRepeat; i++) rows.push(row);
          row = undefined;
        } else if (closed === 'table:table') {
          out.addSheet(name, rows);
          rows = [];
        }
      },
      paragraph(text) {
        if (cell !== undefined) cell.text = cell.text === '' ? text : `${cell.text}\n${text}`;
      },
      blocks: () => out.blocks,
      titleFromHeadings: false,
    };
  };

const ODS = { contentType: ODS_TYPE, label: 'OpenDocument spreadsheet', extension: 'ods' };

/** OpenDocument spreadsheet (LibreOffice Calc); see `extractOdf` for errors. */
export const extractOds = (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
  sheetLimits: SheetLimits = DEFAULT_SHEET_LIMITS,
): RawDocument => extractOdf(bytes, limits, ODS, spreadsheetReader(sheetLimits));

/** OpenDocument spreadsheet: a package whose `mimetype` member says so. */
export const ODS_FORMAT = odfFormat(ODS, (bytes, limits) => extractOds(bytes, limits));
