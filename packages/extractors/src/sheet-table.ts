import type { RawBlock } from '@docent/domain';
import type { CharBudget } from './extraction-limits.ts';
import { formatCount } from './extraction-limits.ts';

/*
 * Sheets (XLSX, ODS, CSV) as text a reader can cite: the sheet name is a heading, the header row is
 * listed once, and every data row is one `table-row` block of `Header: value` pairs, so a passage
 * names both the value and what it is. Embedding is the slow step of ingestion (tens of rows a
 * second), so rows are capped per sheet and cells per document; the text says what was left out.
 */

/** How much of a workbook is read. */
export interface SheetLimits {
  /** Data rows read from one sheet. */
  maxRowsPerSheet: number;
  /** Non-empty cells read from the whole document. */
  maxCells: number;
}

/** 5,000 rows (some minutes of embedding) per sheet; 200,000 cells per document. */
export const DEFAULT_SHEET_LIMITS: Readonly<SheetLimits> = { maxRowsPerSheet: 5000, maxCells: 200_000 };

/** Column letters of a 0-based index: 0 is A, 25 Z, 26 AA. */
export const columnName = (index: number): string => {
  let name = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    name = String.fromCharCode(65 + ((rest - 1) % 26)) + name;
  }
  return name;
};

const NUMBER = /^[-+]?[\d.,\s%$€£]+$/;
const clean = (cell: string): string => cell.replace(/\s+/g, ' ').trim();

/** A header row names its columns: mostly text, not numbers. */
const looksLikeHeader = (cells: string[]): boolean => {
  const filled = cells.filter((cell) => cell !== '');
  return filled.length > 0 && filled.filter((cell) => NUMBER.test(cell)).length * 2 < filled.length;
};

/** Collects the blocks of one document's sheets, with the caps of `SheetLimits`. */
export class SheetBlocks {
  readonly blocks: RawBlock[] = [];
  readonly #budget: CharBudget;
  readonly #limits: SheetLimits;
  #cells = 0;

  constructor(budget: CharBudget, limits: SheetLimits = DEFAULT_SHEET_LIMITS) {
    this.#budget = budget;
    this.#limits = limits;
  }

  /** False once the document's cell cap is reached: later sheets are only counted. */
  get open(): boolean {
    return this.#cells < this.#limits.maxCells;
  }

  /** Adds one sheet: its name as a heading (when given), the header row, then one block per data row. */
  addSheet(name: string | undefined, rows: Iterable<string[]>, extra: { page?: number } = {}): void {
    const page = extra.page === undefined ? {} : { page: extra.page };
    if (name !== undefined) this.#push({ kind: 'heading', level: 2, text: name, ...page });
    let header: string[] | undefined;
    let kept = 0;
    let skipped = 0;
    for (const raw of rows) {
      const cells = raw.map(clean);
      if (cells.every((cell) => cell === '')) continue;
      if (header === undefined && looksLikeHeader(cells)) {
        header = cells.map((cell, index) => cell || columnName(index));
        this.#take(cells);
        this.#push({ kind: 'table-row', text: `Columns: ${cells.filter(Boolean).join('; ')}`, ...page });
        continue;
      }
      if (kept >= this.#limits.maxRowsPerSheet || !this.open) {
        skipped++;
        continue;
      }
      const names = header ?? [];
      const pairs = cells.flatMap((cell, index) =>
        cell === '' ? [] : [`${names[index] ?? columnName(index)}: ${cell}`],
      );
      this.#take(cells);
      this.#push({ kind: 'table-row', text: pairs.join('; '), ...page });
      kept++;
    }
    if (skipped > 0) this.#push({ kind: 'paragraph', text: this.#leftOut(name, kept, skipped), ...page });
  }

  #leftOut(name: string | undefined, kept: number, skipped: number): string {
    const sheet = name === undefined ? 'this sheet' : `sheet "${name}"`;
    const reason = this.open
      ? `Docent reads at most ${formatCount(this.#limits.maxRowsPerSheet)} rows of a sheet`
      : `Docent reads at most ${formatCount(this.#limits.maxCells)} cells of a document`;
    return `Only the first ${formatCount(kept)} rows of ${sheet} are included; ${formatCount(skipped)} more rows were left out (${reason}).`;
  }

  #take(cells: string[]): void {
    this.#cells += cells.filter((cell) => cell !== '').length;
  }

  #push(block: RawBlock): void {
    this.#budget.take(block.text.length);
    this.blocks.push(block);
  }
}
