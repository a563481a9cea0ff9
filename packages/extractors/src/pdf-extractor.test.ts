import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPdf } from '../test-support/pdf-builder.ts';
import { normalise, normalisedText, QA_DEV_DIR, qaDevDocument } from '../test-support/qa-dev.ts';
import { DEFAULT_EXTRACTION_LIMITS } from './extraction-limits.ts';
import { extractPdf } from './pdf-extractor.ts';

const options = { ...DEFAULT_EXTRACTION_LIMITS, maxPages: 500 };

const pageOf = (document: RawDocument, phrase: string): number | undefined =>
  document.blocks.find((block) => normalise(block.text).includes(phrase))?.page;

const failure = async (promise: Promise<unknown>): Promise<DocentError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DocentError)) throw new Error(`expected a DocentError, got ${String(error)}`);
  return error;
};

describe('extractPdf on real manuals', () => {
  let nettle: RawDocument;
  let bzip2: RawDocument;
  beforeAll(async () => {
    nettle = await extractPdf(qaDevDocument('nettle.pdf'), options);
    bzip2 = await extractPdf(qaDevDocument('bzip2-manual.pdf'), options);
  });

  it('counts physical pages and numbers every block with a page in range, in order', () => {
    expect(nettle.pageCount).toBe(111);
    expect(bzip2.pageCount).toBe(38);
    for (const document of [nettle, bzip2]) {
      const pages = document.blocks.map((block) => block.page ?? 0);
      expect(Math.min(...pages)).toBe(1);
      expect(Math.max(...pages)).toBe(document.pageCount);
      expect(pages).toEqual([...pages].sort((a, b) => a - b));
    }
  });

  it('puts answers on the physical pages the question set names', () => {
    expect(pageOf(nettle, 'The patent expired on September 20, 2000')).toBe(77);
    expect(pageOf(nettle, 'the recommended linker flags are -lhogweed -lnettle -lgmp')).toBe(11);
    expect(pageOf(bzip2, 'The default value of 30 gives reasonable behaviour')).toBe(16);
    expect(pageOf(bzip2, 'An Adler-32 checksum, rather than a CRC32 checksum')).toBe(34);
  });

  it('finds headings by font size, larger type ranking higher', () => {
    const headings = bzip2.blocks.filter((block) => block.kind === 'heading');
    expect(headings).toContainEqual({ kind: 'heading', text: '1. Introduction', level: 1, page: 4 });
    expect(headings).toContainEqual({ kind: 'heading', text: '2.4. OPTIONS', level: 2, page: 7 });
    expect(headings).toContainEqual({ kind: 'heading', text: '3.3.1. BZ2_bzCompressInit', level: 3, page: 14 });
    expect(nettle.blocks).toContainEqual({ kind: 'heading', text: '5 Linking', level: 2, page: 11 });
  });

  it('separates paragraphs and keeps running headers out of them', () => {
    const onPage11 = nettle.blocks.filter((block) => block.page === 11).map((block) => normalise(block.text));
    expect(onPage11[0]).toBe('Chapter 5: Linking 6');
    expect(onPage11.some((text) => text.startsWith('Nettle actually consists of two libraries'))).toBe(true);
    expect(onPage11.some((text) => text.startsWith('If an application uses only the symmetric crypto'))).toBe(true);
  });

  it('mends words hyphenated at line ends and keeps compound hyphens', () => {
    const nettleText = normalisedText(nettle);
    const bzip2Text = normalisedText(bzip2);
    expect(nettleText).toContain('The context struct encapsulates all information');
    expect(nettleText).not.toContain('encap- sulates');
    expect(bzip2Text).toContain('allocate memory for compression/decompression and do other');
    expect(bzip2Text).not.toMatch(/\p{L}- \p{Ll}/u);
  });

  it('takes the title from the metadata or the first top-level heading', () => {
    expect(bzip2.title).toBe('bzip2 and libbzip2, version 1.0.8');
    expect(nettle.title).toContain('Nettle Manual');
  });

  it('leaves the caller’s bytes usable after pdf.js has read them', async () => {
    const bytes = qaDevDocument('bzip2-manual.pdf');
    await extractPdf(bytes, options);
    expect(bytes.byteLength).toBe(183_803);
  });
});

describe('extractPdf on generated files', () => {
  it('reads pages of text in order and skips pages without text', async () => {
    const document = await extractPdf(
      buildPdf([['First page (one)', 'a line that is compres-', 'sion'], null, ['Third']]),
      options,
    );
    expect(document).toEqual({
      contentType: 'application/pdf',
      pageCount: 3,
      blocks: [
        { kind: 'paragraph', text: 'First page (one)\na line that is compression', page: 1 },
        { kind: 'paragraph', text: 'Third', page: 3 },
      ],
    });
  });

  it('reads a PDF encrypted with an owner password only, as every viewer does', async () => {
    const bytes = buildPdf([['Readable without a password']], { userPassword: '', ownerPassword: 'owner' });
    const document = await extractPdf(bytes, options);
    expect(document.blocks.map((block) => block.text)).toEqual(['Readable without a password']);
  });

  it('refuses a PDF that needs a user password with encrypted_pdf', async () => {
    const bytes = buildPdf([['Secret text']], { userPassword: 'secret', ownerPassword: 'owner' });
    const error = await failure(extractPdf(bytes, options));
    expect(error.code).toBe('encrypted_pdf');
  });

  it('reports a scan-like PDF without any text as empty_document', async () => {
    const error = await failure(extractPdf(buildPdf([null, null]), options));
    expect(error.code).toBe('empty_document');
  });

  it('refuses more pages than maxPages before reading them', async () => {
    const error = await failure(extractPdf(buildPdf([['a'], ['b'], ['c']]), { ...options, maxPages: 2 }));
    expect(error.code).toBe('too_large');
    expect(error.message).toBe('The PDF has 3 pages, more than the limit of 2 (setting DOCENT_MAX_PAGES).');
  });
});

// A font that draws ligature glyphs at TeX's OT1 codes 0x0B-0x0F (as wide as their letters: f 300,
// i and l 280) and names none of them.
const OT1_WIDTHS: Record<number, number> = {
  11: 580,
  12: 560,
  13: 560,
  14: 840,
  15: 840,
  102: 300,
  105: 280,
  108: 280,
};
const OT1_LIKE_FONT = `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 0 /LastChar 255 /Widths [${Array.from({ length: 256 }, (_, code) => OT1_WIDTHS[code] ?? 556).join(' ')}] >>`;
const GMPL = path.resolve(QA_DEV_DIR, '../qa-dev2/docs/gmpl.pdf');

describe('extractPdf on ligatures at OT1 codes', () => {
  it('writes ff, fi, fl, ffi and ffl back where pdf.js saw whitespace', async () => {
    const lines = [
      'provides an implicit \feld named RECNO',
      'speci\fed e\x0ecient ba\x0fed',
      '\frst of',
      'a\x0bected \rowing',
    ];
    const bytes = buildPdf([lines], undefined, { font: OT1_LIKE_FONT });
    const document = await extractPdf(bytes, options);
    expect(document.blocks.map((block) => block.text)).toEqual([
      'provides an implicit field named RECNO\nspecified efficient baffled\nfirst of\naffected flowing',
    ]);
  });
});

describe.runIf(existsSync(GMPL))('extractPdf on gmpl.pdf (pdfTeX, Computer Modern without ToUnicode)', () => {
  it('reads the ligatures of every page, "implicit field" on page 61 among them', async () => {
    const document = await extractPdf(new Uint8Array(readFileSync(GMPL)), options);
    expect(pageOf(document, 'provides an implicit field named RECNO, which contains the current record number')).toBe(
      61,
    );
    const text = normalisedText(document);
    expect(['\u000e', '\u000f'].filter((code) => text.includes(code))).toEqual([]);
    expect(text.match(/\b(?:speci ed|de ned|rst|eld|elds|le|les)\b/g)).toBeNull();
  });
});

describe('extractPdf on damaged files', () => {
  it.each([
    ['a truncated manual', () => qaDevDocument('bzip2-manual.pdf').subarray(0, 150_000)],
    ['garbage after the header', () => new TextEncoder().encode(`%PDF-1.7\n${'garbage '.repeat(200)}`)],
    ['a bare header', () => new TextEncoder().encode('%PDF-')],
    ['a generated file cut before its cross-reference table', () => buildPdf([['Some text']]).subarray(0, 200)],
  ])('reports %s as extraction_failed', async (_, bytes) => {
    const error = await failure(extractPdf(bytes(), options));
    expect(error.code).toBe('extraction_failed');
    expect(error.retryable).toBe(false);
  });
});
