import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8 } from 'fflate';
import { buildPdf } from './pdf-builder.ts';

/*
 * Hostile inputs as a careless or malicious user uploads them, at any scale: the fuzz test builds
 * small ones against small limits, `scripts/hostile-files.ts` full-size ones against the defaults.
 * Archives are written from repeated ~1 MB runs, so building a 1 GB member never holds it in memory.
 */

/** One hostile upload: its file name (the extension matters for type detection) and bytes. */
export interface HostileFile {
  name: string;
  bytes: Uint8Array;
}

const SLICE = 1024 * 1024;

/** Data repeated `times` times in a row. */
export interface Run {
  data: Uint8Array;
  times: number;
}

/** About `total` bytes of `pattern` repeated, as runs of ~1 MB slices. */
const repeated = (pattern: string, total: number): Run[] => {
  const unit = strToU8(pattern.repeat(Math.max(1, Math.floor(SLICE / pattern.length))));
  const times = Math.floor(total / unit.length);
  const rest = strToU8(pattern.repeat(Math.ceil((total - times * unit.length) / pattern.length)));
  return [
    { data: unit, times },
    { data: rest, times: 1 },
  ];
};

const u16 = (value: number): number[] => [value & 0xff, (value >>> 8) & 0xff];
const u32 = (value: number): number[] => [...u16(value & 0xffff), ...u16(value >>> 16)];

/** One member of a written archive: its name and content as runs. */
export interface ZipMemberRuns {
  name: string;
  runs: Run[];
}

/** A member's local header, its data pieces and its central directory entry. */
const writeMember = ({ name, runs }: ZipMemberRuns, offset: number) => {
  const pieces: Uint8Array[] = [];
  let crc = 0;
  let size = 0;
  for (const { data, times } of runs) {
    const deflated = deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
    for (let i = 0; i < times; i++) {
      pieces.push(deflated);
      crc = crc32(data, crc);
      size += data.length;
    }
  }
  pieces.push(Uint8Array.from([0x03, 0x00]));
  const compressed = pieces.reduce((sum, piece) => sum + piece.length, 0);
  const fileName = strToU8(name);
  const common = [
    ...u16(20),
    ...u16(0),
    ...u16(8),
    ...u16(0),
    ...u16(0),
    ...u32(crc),
    ...u32(compressed),
    ...u32(size),
  ];
  const local = Uint8Array.from([...u32(0x04034b50), ...common, ...u16(fileName.length), ...u16(0), ...fileName]);
  const central = Uint8Array.from([
    ...u32(0x02014b50),
    ...u16(20),
    ...common,
    ...u16(fileName.length),
    ...[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ...u32(offset),
    ...fileName,
  ]);
  return { pieces: [local, ...pieces], length: local.length + compressed, central };
};

/**
 * A ZIP of deflated members written without holding their content: each run's data is deflated
 * once (sync-flushed, so blocks concatenate) and its output repeated; an empty final block ends it.
 * node:zlib does this in C, ~30 times faster than deflating a gigabyte in JavaScript.
 */
export const zipOfMembers = (members: ZipMemberRuns[]): Uint8Array => {
  const pieces: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const member of members) {
    const written = writeMember(member, offset);
    pieces.push(...written.pieces);
    centrals.push(written.central);
    offset += written.length;
  }
  const centralLength = centrals.reduce((sum, entry) => sum + entry.length, 0);
  const end = Uint8Array.from([
    ...u32(0x06054b50),
    ...[0, 0, 0, 0],
    ...u16(members.length),
    ...u16(members.length),
    ...u32(centralLength),
    ...u32(offset),
    ...u16(0),
  ]);
  return new Uint8Array(Buffer.concat([...pieces, ...centrals, end]));
};

const zipOfRuns = (name: string, runs: Run[]): Uint8Array => zipOfMembers([{ name, runs }]);

/** A member of small text, one run. */
export const smallMember = (name: string, text: string): ZipMemberRuns => ({
  name,
  runs: [{ data: strToU8(text), times: 1 }],
});

/** A member of about `bytes` of `pattern` repeated. */
export const repeatedMember = (name: string, pattern: string, bytes: number): ZipMemberRuns => ({
  name,
  runs: repeated(pattern, bytes),
});

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const PARAGRAPH = '<w:p><w:r><w:t>All work and no play makes a dull document. </w:t></w:r></w:p>';

/** A Word file whose `word/document.xml` inflates to about `bytes` of ordinary paragraphs. */
export const docxInflatingTo = (bytes: number): HostileFile => {
  const open = `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>`;
  const runs = [
    { data: strToU8(open), times: 1 },
    ...repeated(PARAGRAPH, bytes),
    { data: strToU8('</w:body></w:document>'), times: 1 },
  ];
  return { name: 'inflates.docx', bytes: zipOfRuns('word/document.xml', runs) };
};

/** A ZIP bomb dressed as Word: `bytes` of one letter, with every header claiming 1 byte. */
export const zipBomb = (bytes: number): HostileFile => {
  const zip = zipOfRuns('word/document.xml', repeated('a', bytes));
  const data = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  data.setUint32(22, 1, true);
  // The central directory entry is the last record before the 22-byte end record.
  const central = zip.length - 22 - 46 - 'word/document.xml'.length;
  data.setUint32(central + 24, 1, true);
  return { name: 'bomb.docx', bytes: zip };
};

/**
 * A PDF whose compressed content streams hold `chars` characters of text in a 0.5-point font:
 * 1,200 lines of 1,800 characters fit on each page, so 20 M characters take 10 pages and ~100 KB.
 */
export const pdfWithTextLayer = (chars: number): HostileFile => {
  const line = 'The quick brown fox jumps over the lazy dog. '.repeat(40);
  const lineCount = Math.ceil(chars / line.length);
  const pages = Array.from({ length: Math.ceil(lineCount / 1200) }, (_, page) =>
    Array.from({ length: Math.min(1200, lineCount - page * 1200) }, () => line),
  );
  return { name: 'text-layer.pdf', bytes: buildPdf(pages, undefined, { deflate: true, fontSize: 0.5 }) };
};

/** A PDF of `pages` pages of `charsPerPage` characters each: a long book, compressed. */
export const pdfBook = (pages: number, charsPerPage: number): HostileFile => {
  const line = 'It was a dark and stormy night; the rain fell in torrents. ';
  const page = (number: number): string[] => [
    `Chapter ${Math.ceil(number / 20)}, page ${number}`,
    ...Array.from({ length: Math.ceil(charsPerPage / line.length) }, () => line),
  ];
  return {
    name: 'book.pdf',
    bytes: buildPdf(
      Array.from({ length: pages }, (_, i) => page(i + 1)),
      undefined,
      { deflate: true },
    ),
  };
};

/** Plain text of `chars` characters and no line break. */
export const singleLineText = (chars: number): HostileFile => ({
  name: 'one-line.txt',
  bytes: strToU8('lorem ipsum '.repeat(Math.ceil(chars / 12)).slice(0, chars)),
});

/** HTML nested `depth` elements deep with a sentence at the bottom. */
export const deepHtml = (depth: number): HostileFile => ({
  name: 'deep.html',
  bytes: strToU8(`<!doctype html><html><body>${'<div>'.repeat(depth)}deep text${'</div>'.repeat(depth)}</body></html>`),
});

/** Markdown that is a heading and then one line of `chars` characters. */
export const hugeMarkdownLine = (chars: number): HostileFile => ({
  name: 'huge-line.md',
  bytes: strToU8(`# Huge\n\n${'*emphasis* and `code` '.repeat(Math.ceil(chars / 22)).slice(0, chars)}\n`),
});

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const relationships = (target: string) =>
  `<Relationships><Relationship Id="rId1" Type="${REL}/x" Target="${target}"/></Relationships>`;

/** The containers `containerBomb` dresses a bomb as. */
export type BombContainer = 'pptx' | 'xlsx' | 'odt' | 'epub';

/**
 * A ZIP bomb dressed as PowerPoint, Excel, OpenDocument text or EPUB: the small parts detection
 * and the extractor read first are real, and the part they then read inflates to `bytes` of one letter.
 */
export const containerBomb = (container: BombContainer, bytes: number): HostileFile => {
  const bomb = (name: string) => repeatedMember(name, 'a', bytes);
  const members: Record<BombContainer, () => ZipMemberRuns[]> = {
    pptx: () => [
      smallMember('[Content_Types].xml', '<Types/>'),
      smallMember(
        'ppt/presentation.xml',
        `<p:presentation xmlns:r="${REL}"><p:sldIdLst><p:sldId r:id="rId1"/></p:sldIdLst></p:presentation>`,
      ),
      smallMember('ppt/_rels/presentation.xml.rels', relationships('slides/slide1.xml')),
      bomb('ppt/slides/slide1.xml'),
    ],
    xlsx: () => [
      smallMember('[Content_Types].xml', '<Types/>'),
      smallMember(
        'xl/workbook.xml',
        `<workbook xmlns:r="${REL}"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>`,
      ),
      smallMember('xl/_rels/workbook.xml.rels', relationships('worksheets/sheet1.xml')),
      bomb('xl/worksheets/sheet1.xml'),
    ],
    odt: () => [smallMember('mimetype', 'application/vnd.oasis.opendocument.text'), bomb('content.xml')],
    epub: () => [
      smallMember('mimetype', 'application/epub+zip'),
      smallMember(
        'META-INF/container.xml',
        '<container><rootfiles><rootfile full-path="book.opf"/></rootfiles></container>',
      ),
      smallMember(
        'book.opf',
        '<package><manifest><item id="c1" href="c1.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c1"/></spine></package>',
      ),
      bomb('c1.xhtml'),
    ],
  };
  return { name: `bomb.${container}`, bytes: zipOfMembers(members[container]()) };
};
