import { DocentError } from '@docent/domain';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocx, paragraph, paragraphStyle, run } from '../test-support/docx-builder.ts';
import { qaDevDocument } from '../test-support/qa-dev.ts';
import { extractDocx } from './docx-extractor.ts';

const failureCode = (action: () => unknown): string => {
  try {
    action();
  } catch (error) {
    if (error instanceof DocentError) return error.code;
    throw error;
  }
  throw new Error('expected a DocentError');
};

describe('extractDocx on the pandoc-made Node.js URL manual', () => {
  const document = extractDocx(qaDevDocument('nodejs-url.docx'));

  it('keeps heading levels, code, list items and table rows', () => {
    expect(document.blocks[0]).toEqual({ kind: 'heading', text: 'URL', level: 1 });
    expect(document.blocks).toContainEqual({ kind: 'heading', text: 'URL strings and URL objects', level: 2 });
    expect(document.blocks).toContainEqual({ kind: 'code', text: "import url from 'node:url';" });
    expect(document.blocks).toContainEqual({ kind: 'table-row', text: 'protocol\tport' });
    expect(document.blocks).toContainEqual({ kind: 'table-row', text: '"https"\t443' });
    const listItem = document.blocks.find((block) => block.kind === 'list-item');
    expect(listItem?.text).toMatch(/^input \{string\} The absolute or relative input URL to parse/);
  });

  it('takes the title from the first Title or top-level heading', () => {
    expect(document.title).toBe('URL');
  });
});

describe('extractDocx on generated files', () => {
  const styles = [
    paragraphStyle('Title', 'Title'),
    paragraphStyle('Kop1', 'heading 1'),
    paragraphStyle('Kop2Accent', 'Kop 2 accent', '<w:basedOn w:val="Kop2"/>'),
    paragraphStyle('Kop2', 'heading 2'),
    paragraphStyle('Opsomming', 'List Bullet'),
  ].join('');

  it('resolves heading styles by name, decodes entities and reads tables row by row', () => {
    const body = [
      paragraph(run('Annual &amp; final report'), 'Title'),
      paragraph(run('Intro&#233;duction'), 'Kop1'),
      paragraph(run('Details &#x2014; part&#160;two'), 'Kop2Accent'),
      paragraph(`${run('A &lt;b&gt; tag')}<w:r><w:tab/></w:r>${run('tabbed')}<w:r><w:br/></w:r>${run('broken')}`),
      paragraph(run('first point'), 'Opsomming'),
      paragraph(run('numbered point'), undefined, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr>'),
      `<w:tbl><w:tr><w:tc>${paragraph(run('Name'))}</w:tc><w:tc>${paragraph(run('Port'))}</w:tc></w:tr>`,
      `<w:tr><w:tc>${paragraph(run('https'))}</w:tc><w:tc>${paragraph(run('443'))}${paragraph(run('(default)'))}</w:tc></w:tr></w:tbl>`,
      paragraph(run('Outline level heading'), undefined, '<w:outlineLvl w:val="2"/>'),
    ].join('');
    expect(extractDocx(buildDocx(body, { styles }))).toEqual({
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      title: 'Annual & final report',
      blocks: [
        { kind: 'heading', text: 'Annual & final report', level: 1 },
        { kind: 'heading', text: 'Introéduction', level: 1 },
        { kind: 'heading', text: 'Details — part\u00a0two', level: 2 },
        { kind: 'paragraph', text: 'A <b> tag tabbed\nbroken' },
        { kind: 'list-item', text: 'first point' },
        { kind: 'list-item', text: 'numbered point' },
        { kind: 'table-row', text: 'Name\tPort' },
        { kind: 'table-row', text: 'https\t443\n(default)' },
        { kind: 'heading', text: 'Outline level heading', level: 3 },
      ],
    });
  });

  it('prefers the metadata title and reads Heading ids without a styles part', () => {
    const document = extractDocx(buildDocx(paragraph(run('Chapter'), 'Heading3'), { title: 'From &amp; metadata' }));
    expect(document.title).toBe('From & metadata');
    expect(document.blocks).toEqual([{ kind: 'heading', text: 'Chapter', level: 3 }]);
  });

  it('reads alternate content once and ignores deleted text and tab stop definitions', () => {
    const body = [
      paragraph(
        `${run('kept')}<w:del><w:r><w:delText>removed</w:delText></w:r></w:del>`,
        undefined,
        '<w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs>',
      ),
      `<mc:AlternateContent><mc:Choice Requires="wps">${paragraph(run('box text'))}</mc:Choice>`,
      `<mc:Fallback>${paragraph(run('box text'))}</mc:Fallback></mc:AlternateContent>`,
    ].join('');
    expect(extractDocx(buildDocx(body)).blocks.map((block) => block.text)).toEqual(['kept', 'box text']);
  });

  it('reports a document with only empty paragraphs as empty_document', () => {
    expect(failureCode(() => extractDocx(buildDocx(`${paragraph(run('  '))}<w:p/>`)))).toBe('empty_document');
  });

  it.each([
    ['a truncated archive', () => qaDevDocument('nodejs-url.docx').subarray(0, 10_000)],
    ['a zip without word/document.xml', () => zipSync({ 'notes.txt': strToU8('hello') })],
    ['malformed XML in the body', () => zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p <<') })],
    ['a body that is not UTF-8', () => zipSync({ 'word/document.xml': Uint8Array.from([0x3c, 0xff, 0xfe, 0x3e]) })],
  ])('reports %s as extraction_failed', (_, bytes) => {
    expect(failureCode(() => extractDocx(bytes()))).toBe('extraction_failed');
  });
});
