import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, failureCode, formatFixture } from '../test-support/format-fixtures.ts';
import { buildOdf, buildOdp, buildOds } from '../test-support/office-builder.ts';
import { detectType } from './detect-type.ts';
import { extractOdp } from './odp-extractor.ts';
import { extractOds } from './ods-extractor.ts';
import { extractOdt } from './odt-extractor.ts';

const ODT = 'application/vnd.oasis.opendocument.text';

describe('OpenDocument text (pandoc report)', () => {
  const report = formatFixture('report.odt');

  it('is detected by its mimetype member, not its name', () => {
    expect(detectType('report.odt', report)).toBe(ODT);
    expect(detectType('report.zip', report)).toBe(ODT);
    expect(detectType('report.odt', buildOdf('application/x-other', '<office:text/>'))).toBeNull();
  });

  it('reads headings at their levels, lists, tables and paragraphs in order', () => {
    const document = extractOdt(report);
    expect(document.title).toBe('Orchard Survey 2026');
    expectSpansInOrder(document, [
      'Summary',
      'The survey counted 412 apple trees in the north orchard, of which 37 showed signs of scab.',
      'Each tree was inspected by two surveyors',
      'A hand lens with tenfold magnification.',
      'Bramley 120 14',
      'Prune the Bramley trees before the end of February',
    ]);
    const kinds = document.blocks.map((block) => `${block.kind}${block.level ?? ''}`);
    expect(kinds).toContain('heading2');
    expect(document.blocks.find((block) => block.text === 'Equipment')?.level).toBe(2);
    expect(document.blocks.filter((block) => block.kind === 'list-item')).toHaveLength(2);
  });

  it('restores spaces and tabs written as elements, and leaves comments out', () => {
    const body =
      '<office:text><text:p>one<text:s text:c="3"/>two<text:tab/>three<office:annotation><text:p>a comment</text:p></office:annotation></text:p></office:text>';
    expect(extractOdt(buildOdf(ODT, body)).blocks.map((block) => block.text)).toEqual(['one   two\tthree']);
  });

  it('reports malformed content as extraction_failed', async () => {
    expect(
      await failureCode(() => extractOdt(buildOdf(ODT, '<office:text><text:p>a < b</text:p></office:text>'))),
    ).toBe('extraction_failed');
  });
});

describe('OpenDocument spreadsheet', () => {
  it('renders sheets as Header: value rows and skips the repeated empty rows LibreOffice writes', () => {
    const ods = buildOds([
      {
        name: 'Tides',
        rows: [
          ['Day', 'High water'],
          ['Monday', '07:42'],
        ],
      },
    ]);
    expect(detectType('tides.ods', ods)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    expect(extractOds(ods).title).toBeUndefined();
    expect(extractOds(ods).blocks.map((block) => block.text)).toEqual([
      'Tides',
      'Columns: Day; High water',
      'Day: Monday; High water: 07:42',
    ]);
  });

  it('caps repeated rows like any other rows', () => {
    const repeated =
      '<office:spreadsheet><table:table table:name="R"><table:table-row><table:table-cell><text:p>Item</text:p></table:table-cell></table:table-row>' +
      '<table:table-row table:number-rows-repeated="50"><table:table-cell><text:p>same</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>';
    const document = extractOds(buildOdf('application/vnd.oasis.opendocument.spreadsheet', repeated), undefined, {
      maxRowsPerSheet: 10,
      maxCells: 1000,
    });
    expect(document.blocks.filter((block) => block.text === 'Item: same')).toHaveLength(10);
    expect(document.blocks.at(-1)?.text).toContain('40 more rows were left out');
  });
});

describe('OpenDocument presentation', () => {
  it('reads slides in order, titles as headings, notes after their slide, the slide as the page', () => {
    const odp = buildOdp([
      { title: 'Harbour lights', body: ['The green light marks starboard.'], notes: ['Mention the ferry.'] },
      { title: 'Buoys', body: ['Cardinal buoys point to safe water.'] },
    ]);
    expect(detectType('talk.odp', odp)).toBe('application/vnd.oasis.opendocument.presentation');
    const document = extractOdp(odp);
    expect(document.pageCount).toBe(2);
    const pages = expectSpansInOrder(document, [
      'Harbour lights',
      'The green light marks starboard.',
      'Mention the ferry.',
      'Cardinal buoys point to safe water.',
    ]);
    expect(pages).toEqual([1, 1, 1, 2]);
    expect(document.blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual([
      'Harbour lights',
      'Buoys',
    ]);
  });
});
