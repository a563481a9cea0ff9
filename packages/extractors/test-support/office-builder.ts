import { strToU8, type Zippable, zipSync } from 'fflate';

/*
 * Small spreadsheet and presentation files written the way Excel and LibreOffice write them (the
 * parts and elements the extractors read), for tests that need exact contents or many rows.
 * PPTX, ODT and EPUB fixtures come from pandoc instead (make-format-fixtures.sh).
 */

/** A sheet: its name and rows of cells (numbers are written as numeric cells). */
export interface SheetSpec {
  name: string;
  rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const columnLetter = (index: number): string => String.fromCharCode(65 + index);

const xlsxSheet = (rows: SheetSpec['rows'], strings: Map<string, number>): string => {
  const body = rows
    .map((row, r) => {
      const cells = row.map((value, c) => {
        const ref = `${columnLetter(c)}${r + 1}`;
        if (typeof value === 'number') return `<c r="${ref}"><v>${value}</v></c>`;
        if (!strings.has(value)) strings.set(value, strings.size);
        return `<c r="${ref}" t="s"><v>${strings.get(value)}</v></c>`;
      });
      return `<row r="${r + 1}">${cells.join('')}</row>`;
    })
    .join('');
  return `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
};

/** An Excel workbook with shared strings, sheets in the given order. */
export const buildXlsx = (sheets: SheetSpec[]): Uint8Array => {
  const strings = new Map<string, number>();
  const files: Zippable = {
    '[Content_Types].xml': strToU8(
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
  };
  sheets.forEach((sheet, index) => {
    files[`xl/worksheets/sheet${index + 1}.xml`] = strToU8(xlsxSheet(sheet.rows, strings));
  });
  const sheetList = sheets
    .map((sheet, index) => `<sheet name="${escapeXml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`)
    .join('');
  files['xl/workbook.xml'] = strToU8(
    `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheetList}</sheets></workbook>`,
  );
  const relationships = sheets
    .map(
      (_, index) =>
        `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
    )
    .join('');
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relationships}</Relationships>`,
  );
  const shared = [...strings.keys()].map((text) => `<si><t>${escapeXml(text)}</t></si>`).join('');
  files['xl/sharedStrings.xml'] = strToU8(
    `${XML}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}">${shared}</sst>`,
  );
  return zipSync(files);
};

const ODF_NAMESPACES = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"',
  'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"',
].join(' ');

/** An OpenDocument package: `mimetype` first and stored, as the specification requires. */
export const buildOdf = (mimetype: string, body: string): Uint8Array =>
  zipSync({
    mimetype: [strToU8(mimetype), { level: 0 }],
    'content.xml': strToU8(
      `${XML}<office:document-content ${ODF_NAMESPACES}><office:body>${body}</office:body></office:document-content>`,
    ),
  });

/** An OpenDocument spreadsheet; a trailing repeated empty row like the ones LibreOffice writes. */
export const buildOds = (sheets: SheetSpec[]): Uint8Array => {
  const tables = sheets.map(({ name, rows }) => {
    const body = rows
      .map((row) => {
        const cells = row.map((value) =>
          typeof value === 'number'
            ? `<table:table-cell office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`
            : `<table:table-cell office:value-type="string"><text:p>${escapeXml(value)}</text:p></table:table-cell>`,
        );
        return `<table:table-row>${cells.join('')}<table:table-cell table:number-columns-repeated="1020"/></table:table-row>`;
      })
      .join('');
    const filler = '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>';
    return `<table:table table:name="${escapeXml(name)}">${body}${filler}</table:table>`;
  });
  return buildOdf(
    'application/vnd.oasis.opendocument.spreadsheet',
    `<office:spreadsheet>${tables.join('')}</office:spreadsheet>`,
  );
};

/** A slide: its title, body paragraphs and speaker notes. */
export interface SlideSpec {
  title: string;
  body: string[];
  notes?: string[];
}

const frame = (cls: string, paragraphs: string[]): string =>
  `<draw:frame presentation:class="${cls}"><draw:text-box>${paragraphs.map((p) => `<text:p>${escapeXml(p)}</text:p>`).join('')}</draw:text-box></draw:frame>`;

/** An OpenDocument presentation; the notes page also holds the slide image frame (class `page`). */
export const buildOdp = (slides: SlideSpec[]): Uint8Array => {
  const pages = slides.map(({ title, body, notes = [] }, index) => {
    const notesPage = `<presentation:notes><draw:page-thumbnail presentation:class="page"/>${frame('notes', notes)}</presentation:notes>`;
    return `<draw:page draw:name="page${index + 1}">${frame('title', [title])}${frame('outline', body)}${notesPage}</draw:page>`;
  });
  return buildOdf(
    'application/vnd.oasis.opendocument.presentation',
    `<office:presentation>${pages.join('')}</office:presentation>`,
  );
};
