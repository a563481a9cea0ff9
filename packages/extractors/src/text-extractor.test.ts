import type { RawBlock } from '@docent/domain';
import { DocentError } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise, normalisedText, qaDevDocument } from '../test-support/qa-dev.ts';
import { structuredText, withoutWhitespace } from '../test-support/text-properties.ts';
import { extractPlainText } from './text-extractor.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

const failureCode = (bytes: Uint8Array): string => {
  try {
    extractPlainText(bytes);
  } catch (error) {
    if (error instanceof DocentError) return error.code;
    throw error;
  }
  throw new Error('expected a DocentError');
};

/** The block after the heading with this text. */
const after = (blocks: RawBlock[], headingText: string): RawBlock | undefined =>
  blocks[blocks.findIndex((block) => block.kind === 'heading' && block.text === headingText) + 1];

describe('extractPlainText on licences', () => {
  it('splits at blank lines and invents no headings in ordinary text', () => {
    const document = extractPlainText(qaDevDocument('GFDL-1.3.txt'));
    expect(document.blocks[0]).toEqual({
      kind: 'paragraph',
      text: '                GNU Free Documentation License\n                 Version 1.3, 3 November 2008',
    });
    expect(document.blocks).toContainEqual({ kind: 'paragraph', text: '0. PREAMBLE' });
    expect(document.blocks.every((block) => block.kind === 'paragraph')).toBe(true);
    expect(document.title).toBeUndefined();
  });
});

describe('extractPlainText on rendered man pages', () => {
  const curl = extractPlainText(qaDevDocument('curl.1.txt'));
  const xz = extractPlainText(qaDevDocument('xz.1.txt'));
  const tmux = extractPlainText(qaDevDocument('tmux.1.txt'));

  it('makes section titles level-1 headings', () => {
    for (const title of ['NAME', 'SYNOPSIS', 'OPTIONS', 'EXIT CODES']) {
      expect(curl.blocks).toContainEqual({ kind: 'heading', text: title, level: 1 });
    }
    expect(xz.blocks).toContainEqual({ kind: 'heading', text: 'EXIT STATUS', level: 1 });
  });

  it('makes option entries headings over their description', () => {
    expect(curl.blocks).toContainEqual({ kind: 'heading', text: '-m, --max-time <fractional seconds>', level: 2 });
    expect(after(curl.blocks, '-m, --max-time <fractional seconds>')?.text).toMatch(
      /^Maximum time in seconds that you allow each transfer to take\./,
    );
    expect(tmux.blocks).toContainEqual({
      kind: 'heading',
      text: 'set-option [-aFgopqsuUw] [-t target-pane] option value',
      level: 2,
    });
  });

  it('nests entries under subsections and splits tags written on the same line', () => {
    expect(xz.blocks).toContainEqual({ kind: 'heading', text: 'Operation mode', level: 2 });
    expect(xz.blocks).toContainEqual({ kind: 'heading', text: '-z, --compress', level: 3 });
    expect(xz.blocks).toContainEqual({ kind: 'heading', text: 'KiB', level: 3 });
    expect(after(xz.blocks, 'KiB')?.text).toBe(
      'Multiply the integer by 1,024 (2^10).  Ki, k, kB, K, and KB are\naccepted as synonyms for KiB.',
    );
  });

  it('turns bullet tags into list items', () => {
    expect(xz.blocks).toContainEqual({
      kind: 'list-item',
      text: 'o If the target file already exists, delete it before\ncompressing or decompressing.',
    });
  });

  it('takes the title from the NAME section', () => {
    expect(curl.title).toBe('curl - transfer a URL');
    expect(tmux.title).toBe('tmux -- terminal multiplexer');
  });

  it('keeps every character of the page', () => {
    const source = new TextDecoder().decode(qaDevDocument('tmux.1.txt'));
    expect(normalisedText(tmux)).toBe(normalise(source));
  });
});

describe('extractPlainText on edge cases', () => {
  it('strips the BOM and reads CRLF line ends', () => {
    const document = extractPlainText(utf8('\ufeffFirst line\r\nsame paragraph\r\n\r\nSecond'));
    expect(document).toEqual({
      contentType: 'text/plain',
      blocks: [
        { kind: 'paragraph', text: 'First line\nsame paragraph' },
        { kind: 'paragraph', text: 'Second' },
      ],
    });
  });

  it.each([
    { label: 'a 0-byte file', bytes: new Uint8Array(0), code: 'empty_document' },
    { label: 'whitespace only', bytes: utf8(' \n\t\r\n\u00a0 '), code: 'empty_document' },
    { label: 'a BOM only', bytes: utf8('\ufeff'), code: 'empty_document' },
    { label: 'a NUL byte', bytes: utf8('text\u0000more'), code: 'binary_content' },
    { label: 'invalid UTF-8', bytes: Uint8Array.from([0x68, 0x69, 0xc3, 0x28]), code: 'binary_content' },
    { label: 'Latin-1 bytes', bytes: Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), code: 'binary_content' },
    { label: 'control-character noise', bytes: utf8('a\u0001b\u0002c\u0003d\u0004'), code: 'binary_content' },
  ])('reports $label as $code', ({ bytes, code }) => {
    expect(failureCode(bytes)).toBe(code);
  });

  it('never loses a non-whitespace character of valid text', () => {
    fc.assert(
      fc.property(structuredText(), (text) => {
        fc.pre(text.trim() !== '');
        const document = extractPlainText(utf8(text));
        const source = text.startsWith('\ufeff') ? text.slice(1) : text;
        expect(withoutWhitespace(normalisedText(document))).toBe(withoutWhitespace(normalise(source)));
      }),
      { numRuns: 500 },
    );
  });
});
