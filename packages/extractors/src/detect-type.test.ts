import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocx, paragraph, run } from '../test-support/docx-builder.ts';
import { greyTextImage, textImage, tiffOf } from '../test-support/image-builder.ts';
import { qaDevDocument } from '../test-support/qa-dev.ts';
import { detectType } from './detect-type.ts';
import { formatsWith } from './format-registry.ts';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('detectType', () => {
  it.each([
    ['nettle.pdf', PDF],
    ['bzip2-manual.pdf', PDF],
    ['nodejs-url.docx', DOCX],
    ['expat-reference.html', 'text/html'],
    ['zstd-README.md', 'text/markdown'],
    ['curl.1.txt', 'text/plain'],
    ['CC0-1.0.txt', 'text/plain'],
  ])('recognises the qa-dev file %s as %s', (name, type) => {
    expect(detectType(name, qaDevDocument(name))).toBe(type);
  });

  it('lets the bytes decide binary formats whatever the name says', () => {
    expect(detectType('report.txt', qaDevDocument('nettle.pdf'))).toBe(PDF);
    expect(detectType('upload', qaDevDocument('nettle.pdf'))).toBe(PDF);
    expect(detectType('letter.zip', buildDocx(paragraph(run('Hello'))))).toBe(DOCX);
    expect(detectType('junk-first.pdf', utf8(`${' '.repeat(100)}%PDF-1.4\n`))).toBe(PDF);
  });

  it('refuses a zip that is not a Word document, whatever it is called', () => {
    const zip = zipSync({ 'word/other.xml': strToU8('<x/>'), 'notes.txt': strToU8('hello') });
    expect(detectType('archive.zip', zip)).toBeNull();
    expect(detectType('fake.docx', zip)).toBeNull();
    expect(detectType('broken.docx', qaDevDocument('nodejs-url.docx').subarray(0, 4000))).toBeNull();
  });

  it('refuses a .pdf or .docx name on bytes of another format', () => {
    expect(detectType('notes.pdf', utf8('just some text'))).toBeNull();
    expect(detectType('notes.docx', utf8('just some text'))).toBeNull();
    expect(detectType('empty.pdf', new Uint8Array(0))).toBeNull();
    expect(detectType('late-header.pdf', utf8(`${'x'.repeat(1100)}%PDF-1.4`))).toBeNull();
  });

  it('refuses binary bytes under a text name', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    // Without OCR no format claims a PNG; with it the bytes decide (see the image tests below).
    expect(detectType('image.txt', png, formatsWith(false))).toBeNull();
    expect(detectType('nul.md', utf8('text\u0000text'))).toBeNull();
    expect(detectType('latin1.html', Uint8Array.from([0x3c, 0x70, 0x3e, 0xe9]))).toBeNull();
    expect(detectType('noise', utf8('\u0001\u0002\u0003\u0004 abc'))).toBeNull();
  });

  it('decides text formats by extension first', () => {
    expect(detectType('page.HTM', utf8('no markup at all'))).toBe('text/html');
    expect(detectType('page.xhtml', utf8('<p>x</p>'))).toBe('text/html');
    expect(detectType('notes.markdown', utf8('# Title'))).toBe('text/markdown');
    expect(detectType('page.txt', utf8('<!DOCTYPE html><html></html>'))).toBe('text/plain');
    expect(detectType('empty.txt', new Uint8Array(0))).toBe('text/plain');
  });

  it('sniffs HTML only for names without a known extension', () => {
    expect(detectType('download', utf8('\ufeff  <!-- saved --><!doctype HTML><p>x'))).toBe('text/html');
    expect(detectType('page.php', utf8('<?xml version="1.0"?>\n<html lang="en">'))).toBe('text/html');
    expect(detectType('README', utf8('Read me first.\n<html> is a tag'))).toBe('text/plain');
    expect(detectType('server.log', utf8('\u001b[31mred\u001b[0m error'))).toBe('text/plain');
  });

  it('recognises PNG, JPEG, TIFF and WebP by their bytes, whatever the name, only with OCR', () => {
    const images = [
      [textImage(['x'], 'png', 64), 'image/png'],
      [textImage(['x'], 'jpeg', 64), 'image/jpeg'],
      [textImage(['x'], 'webp', 64), 'image/webp'],
      [tiffOf([greyTextImage(['x'], 64)]), 'image/tiff'],
    ] as const;
    for (const [bytes, type] of images) {
      expect(detectType('scan.txt', bytes)).toBe(type);
      expect(detectType('scan', bytes, formatsWith(true))).toBe(type);
      expect(detectType('scan.png', bytes, formatsWith(false))).toBeNull();
    }
    // An image name on bytes that are not that image is refused, not read as text.
    expect(detectType('notes.jpg', utf8('plain words'))).toBeNull();
    expect(detectType('notes.jpg', utf8('plain words'), formatsWith(false))).toBe('text/plain');
  });

  it('never throws, whatever the bytes and name', () => {
    fc.assert(
      fc.property(fc.string(), fc.uint8Array({ maxLength: 2048 }), (name, bytes) => {
        const type = detectType(name, bytes);
        expect(type === null || typeof type === 'string').toBe(true);
      }),
    );
  });
});
