import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, failureCode } from '../test-support/format-fixtures.ts';
import { buildXlsx } from '../test-support/office-builder.ts';
import { detectType } from './detect-type.ts';
import { extractXlsx } from './xlsx-extractor.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const workbook = buildXlsx([
  {
    name: 'Fleet',
    rows: [
      ['Ship', 'Tonnage', 'Home port'],
      ['Albatross', 1200, 'Dunmore'],
      ['Bittern', 800, 'Kelso & Leith'],
    ],
  },
  {
    name: 'Readings',
    rows: [
      [4, 5.5],
      [6, 'calm'],
    ],
  },
]);

describe('extractXlsx', () => {
  it('is detected by its members, whatever its name says', () => {
    expect(detectType('fleet.xlsx', workbook)).toBe(XLSX);
    expect(detectType('fleet.bin', workbook)).toBe(XLSX);
  });

  it('renders each sheet under its name, each row as Header: value pairs a citation can quote', () => {
    const document = extractXlsx(workbook);
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ['heading', 'Fleet'],
      ['table-row', 'Columns: Ship; Tonnage; Home port'],
      ['table-row', 'Ship: Albatross; Tonnage: 1200; Home port: Dunmore'],
      ['table-row', 'Ship: Bittern; Tonnage: 800; Home port: Kelso & Leith'],
      ['heading', 'Readings'],
      ['table-row', 'A: 4; B: 5.5'],
      ['table-row', 'A: 6; B: calm'],
    ]);
    expectSpansInOrder(document, ['Fleet', 'Home port: Dunmore', 'Kelso & Leith', 'Readings', 'B: calm']);
  });

  it('caps a 10,000-row sheet, says so in the text and still extracts the first rows', () => {
    const rows = [['Row', 'Value'], ...Array.from({ length: 10_000 }, (_, i) => [`r${i + 1}`, i + 1])];
    const document = extractXlsx(buildXlsx([{ name: 'Big', rows }]));
    const dataRows = document.blocks.filter((block) => block.kind === 'table-row' && !block.text.startsWith('Columns'));
    expect(dataRows).toHaveLength(5000);
    expect(dataRows.at(-1)?.text).toBe('Row: r5000; Value: 5000');
    expect(document.blocks.at(-1)?.text).toBe(
      'Only the first 5,000 rows of sheet "Big" are included; 5,000 more rows were left out (Docent reads at most 5,000 rows of a sheet).',
    );
  });

  it('caps the cells of the whole workbook', () => {
    const rows = Array.from({ length: 30 }, (_, i) => [`name ${i}`, `value ${i}`]);
    const document = extractXlsx(
      buildXlsx([
        { name: 'One', rows },
        { name: 'Two', rows },
      ]),
      undefined,
      { maxRowsPerSheet: 100, maxCells: 40 },
    );
    expect(document.blocks.at(-1)?.text).toContain('Docent reads at most 40 cells of a document');
    expect(document.blocks.filter((block) => block.kind === 'table-row').length).toBeLessThan(30);
  });

  it('reports a workbook without its workbook part as extraction_failed', async () => {
    const broken = buildXlsx([{ name: 'S', rows: [['a']] }]);
    expect(await failureCode(() => extractXlsx(broken.slice(0, 40)))).toBe('extraction_failed');
  });
});
