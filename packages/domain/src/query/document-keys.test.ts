import { describe, expect, it } from 'vitest';
import { normalizeDocument } from '../documents/normalize-document.ts';
import { identityHeadings } from './catalog.ts';
import { documentKeys } from './document-keys.ts';

const keys = (name: string, headings: string[] = [], title?: string) =>
  documentKeys({ documentId: name, name, headings, ...(title === undefined ? {} : { title }) }).map(
    (k) => `${k.source}:${k.terms.join(' ')}`,
  );

describe('documentKeys', () => {
  it('takes program names from the file name, without extensions, man sections, versions or kind nouns', () => {
    expect(keys('curlx.1.txt')).toEqual(['name:curlx']);
    expect(keys('zstq-README.md')).toEqual(['name:zstq']);
    expect(keys('Foo-1.0.txt')).toEqual(['name:foo']);
    expect(keys('nodejs-url.docx')).toEqual(['name:nodejs', 'name:url', 'name:nodejs url']);
    expect(keys('notes.pdf.gz')).toEqual(['name:notes']);
  });

  it('reads every alias of a man-page NAME line as a name', () => {
    expect(keys('aa.txt', ['xq, unxq, xqcat - Compress or decompress files'])).toEqual([
      'name:aa',
      'name:xq',
      'name:unxq',
      'name:xqcat',
    ]);
    expect(keys('bb.txt', ['• tmuz -- terminal multiplexer'])).toEqual(['name:bb', 'name:tmuz']);
  });

  it('takes capitalised runs of title lines without trailing kind nouns, as prefixes and words', () => {
    expect(keys('cc.txt', [], 'The Expaq XML Parser Release 2.5.0')).toEqual([
      'name:cc',
      'title:expaq',
      'title:expaq xml',
      'title:expaq xml parser',
      'title:xml',
      'title:parser',
    ]);
    expect(keys('dd.txt', ['Niels M oller'])).toEqual(['name:dd', 'title:niels', 'title:niels m']);
  });
});

describe('documentKeys acronyms', () => {
  it("writes a title's last words as initials, after at least one word of it, without its version word", () => {
    const k = keys('qq.txt', [], 'GNU LESSER GENERAL PUBLIC LICENSE Version 3');
    expect(k).toEqual(
      expect.arrayContaining(['title:lesser gpl', 'title:gnu lesser gpl', 'title:gnu lgpl', 'title:lgpl']),
    );
    expect(k).not.toContain('title:gpl');
    expect(k.some((key) => key.endsWith('plv'))).toBe(false);
  });
});

describe('identityHeadings', () => {
  it('keeps short opening lines, the first heading and the line after NAME, never body text', () => {
    const text = normalizeDocument({
      contentType: 'text/plain',
      blocks: [
        { kind: 'paragraph', text: 'FOO(1) General Commands FOO(1)' },
        { kind: 'heading', level: 1, text: 'NAME' },
        { kind: 'paragraph', text: 'foo - frobnicate the bar' },
        { kind: 'paragraph', text: 'x'.repeat(150) },
        { kind: 'heading', level: 1, text: 'OPTIONS . . . . . . 12' },
      ],
    });
    expect(identityHeadings(text)).toEqual(['FOO(1) General Commands FOO(1)', 'NAME', 'foo - frobnicate the bar']);
  });
});
