import { createHash } from 'node:crypto';
import { zlibSync } from 'fflate';

/*
 * Writes small but complete PDF files for tests: pages of Helvetica text lines (or a drawing with no
 * text), optionally encrypted with the standard security handler (revision 2, 40-bit RC4), so that
 * pdf.js reads real encrypted files rather than a mocked error.
 */

/** What to put on each page: lines of text, or null for a page that only draws a line. */
export type PageContent = string[] | null;

/** Standard security handler passwords; an empty user password opens without asking. */
export interface PdfEncryption {
  userPassword: string;
  ownerPassword: string;
}

const PASSWORD_PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00,
  0xb6, 0xd0, 0x68, 0x3e, 0x80, 0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);
const PERMISSIONS = -44;
const KEY_BYTES = 5;

// Buffer's latin1 keeps the low byte of each UTF-16 unit, as the spec's PDFDocEncoding subset needs.
export const latin1 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'latin1'));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const md5 = (...parts: Uint8Array[]): Uint8Array => {
  const hash = createHash('md5');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
};

/** RC4, written out because OpenSSL 3 no longer offers it by default. */
const rc4 = (key: Uint8Array, data: Uint8Array): Uint8Array => {
  const state = Uint8Array.from({ length: 256 }, (_, index) => index);
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + (state[i] ?? 0) + (key[i % key.length] ?? 0)) & 0xff;
    [state[i], state[j]] = [state[j] ?? 0, state[i] ?? 0];
  }
  const out = new Uint8Array(data.length);
  for (let n = 0, i = 0, j = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    j = (j + (state[i] ?? 0)) & 0xff;
    [state[i], state[j]] = [state[j] ?? 0, state[i] ?? 0];
    out[n] = (data[n] ?? 0) ^ (state[((state[i] ?? 0) + (state[j] ?? 0)) & 0xff] ?? 0);
  }
  return out;
};

const padPassword = (password: string): Uint8Array => {
  const padded = new Uint8Array(32);
  const bytes = latin1(password).subarray(0, 32);
  padded.set(bytes);
  padded.set(PASSWORD_PADDING.subarray(0, 32 - bytes.length), bytes.length);
  return padded;
};

const littleEndian = (value: number, bytes: number): Uint8Array =>
  Uint8Array.from({ length: bytes }, (_, index) => (value >> (8 * index)) & 0xff);

interface SecurityHandler {
  dictionary: string;
  encryptStream(objectNumber: number, data: Uint8Array): Uint8Array;
}

/** Algorithms 3.2 to 3.4 of the PDF 1.7 reference, revision 2. */
const standardSecurity = ({ userPassword, ownerPassword }: PdfEncryption, fileId: Uint8Array): SecurityHandler => {
  const owner = rc4(md5(padPassword(ownerPassword)).subarray(0, KEY_BYTES), padPassword(userPassword));
  const key = md5(padPassword(userPassword), owner, littleEndian(PERMISSIONS, 4), fileId).subarray(0, KEY_BYTES);
  const user = rc4(key, PASSWORD_PADDING);
  return {
    dictionary: `<< /Filter /Standard /V 1 /R 2 /O <${hex(owner)}> /U <${hex(user)}> /P ${PERMISSIONS} >>`,
    encryptStream: (objectNumber, data) =>
      rc4(md5(key, littleEndian(objectNumber, 3), littleEndian(0, 2)).subarray(0, KEY_BYTES + 5), data),
  };
};

// A bare carriage return inside a string would be read as a line feed, so it is escaped too.
const escapePdfString = (text: string): string =>
  text.replace(/[\\()]/g, (char) => `\\${char}`).replaceAll('\r', '\\r');

const pageStream = (content: PageContent, fontSize: number): string =>
  content === null
    ? '72 72 m 300 300 l S'
    : `BT /F1 ${fontSize} Tf ${(fontSize * 7) / 6} TL ${fontSize * 6} 720 Td ${content.map((line) => `(${escapePdfString(line)}) Tj T*`).join(' ')} ET`;

/**
 * A complete PDF with one page per entry, optionally encrypted, with page streams optionally
 * compressed and set in a tiny font (`deflate`, `fontSize`: a small file whose text layer is large,
 * as hostile files are; pdf.js drops glyphs outside the page, so a huge page needs a tiny font).
 * `font` replaces the font dictionary (Helvetica in WinAnsiEncoding by default).
 */
export const buildPdf = (
  pages: PageContent[],
  encryption?: PdfEncryption,
  options: { deflate?: boolean; fontSize?: number; font?: string } = {},
): Uint8Array => {
  const fileId = md5(latin1(JSON.stringify(pages)));
  const security = encryption && standardSecurity(encryption, fileId);
  const pageNumbers = pages.map((_, index) => 4 + index * 2);
  const objects: (string | Uint8Array)[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageNumbers.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    options.font ?? '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  for (const [index, content] of pages.entries()) {
    const streamNumber = pageNumbers[index] ?? 0;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${streamNumber + 1} 0 R >>`,
    );
    const text = latin1(pageStream(content, options.fontSize ?? 12));
    const plain = options.deflate ? zlibSync(text) : text;
    const data = security ? security.encryptStream(streamNumber + 1, plain) : plain;
    objects.push(streamObject(options.deflate ? '/Filter /FlateDecode' : '', data));
  }
  if (security) objects.push(security.dictionary);
  const encrypt = security ? ` /Encrypt ${objects.length} 0 R` : '';
  return serializePdf(objects, `${encrypt} /ID [<${hex(fileId)}> <${hex(fileId)}>]`);
};

/** A stream object: `dictionary` entries (besides /Length) and the data. */
export const streamObject = (dictionary: string, data: Uint8Array): Uint8Array => {
  const head = latin1(`<< /Length ${data.length}${dictionary === '' ? '' : ` ${dictionary}`} >>\nstream\n`);
  const tail = latin1('\nendstream');
  const stream = new Uint8Array(head.length + data.length + tail.length);
  stream.set(head);
  stream.set(data, head.length);
  stream.set(tail, head.length + data.length);
  return stream;
};

/**
 * A PDF file of `objects` (numbered from 1; object 1 is the catalog) with its cross-reference table;
 * `trailer` adds entries to the trailer dictionary.
 */
export const serializePdf = (objects: readonly (string | Uint8Array)[], trailer = ''): Uint8Array => {
  const chunks: Uint8Array[] = [latin1('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n')];
  let length = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  for (const [index, body] of objects.entries()) {
    offsets.push(length);
    for (const part of [
      latin1(`${index + 1} 0 obj\n`),
      typeof body === 'string' ? latin1(body) : body,
      latin1('\nendobj\n'),
    ]) {
      chunks.push(part);
      length += part.length;
    }
  }
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`),
  ];
  const end = `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${trailer} >>\nstartxref\n${length}\n%%EOF\n`;
  chunks.push(latin1(xref.join('') + end));
  return new Uint8Array(Buffer.concat(chunks));
};
