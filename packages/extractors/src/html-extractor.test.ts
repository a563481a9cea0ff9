import { DocentError } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { normalisedText, qaDevDocument } from '../test-support/qa-dev.ts';
import { extractHtml } from './html-extractor.ts';

const html = (source: string): Uint8Array => new TextEncoder().encode(source);

describe('extractHtml on the Expat reference', () => {
  const document = extractHtml(qaDevDocument('expat-reference.html'));

  it('reads the title, headings, code and list items', () => {
    expect(document.title).toBe('Expat XML Parser');
    expect(document.blocks[0]).toEqual({ kind: 'heading', text: 'The Expat XML Parser Release 2.5.0', level: 1 });
    expect(document.blocks).toContainEqual({ kind: 'heading', text: 'Table of Contents', level: 2 });
    expect(document.blocks).toContainEqual({ kind: 'list-item', text: 'XML_ParserCreate' });
    const salt = document.blocks.find((block) => block.kind === 'code' && block.text.startsWith('void XMLCALL'));
    expect(salt).toBeDefined();
  });

  it('drops the head, including the licence comment inside it', () => {
    expect(normalisedText(document)).not.toContain('Clark Cooper <coopercc');
    expect(normalisedText(document)).not.toContain('iso-8859-1');
  });
});

describe('extractHtml on fragments', () => {
  it('keeps only visible text, in blocks, with entities decoded', () => {
    const source = `<?xml version="1.0"?>
      <!DOCTYPE html>
      <html><head><title>Caf&eacute; &amp; bar</title><style>p { color: red }</style></head>
      <body>
        <script>var hidden = 1;</script><noscript>enable scripts</noscript><template><p>template</p></template>
        <h2>Menu&nbsp;items</h2>
        <p>Fresh   <b>bread</b>s and
           <a href="#">co&#x66;fee</a> &lt;daily&gt;<br>second line</p>
        <ul><li>One <em>item</em></li><li>Two</li></ul>
        <table><tr><th>Name</th><th>Price</th></tr><tr><td>Tea</td><td><p>3</p></td></tr></table>
        <pre>  indented
    code &amp; more
</pre>
        <div>Outer <section>inner</section> tail</div>
      </body></html>`;
    expect(extractHtml(html(source))).toEqual({
      contentType: 'text/html',
      title: 'Café & bar',
      blocks: [
        { kind: 'heading', text: 'Menu\u00a0items', level: 2 },
        { kind: 'paragraph', text: 'Fresh breads and coffee <daily>' },
        { kind: 'paragraph', text: 'second line' },
        { kind: 'list-item', text: 'One item' },
        { kind: 'list-item', text: 'Two' },
        { kind: 'table-row', text: 'Name\tPrice' },
        { kind: 'table-row', text: 'Tea\t3' },
        { kind: 'code', text: '  indented\n    code & more' },
        { kind: 'paragraph', text: 'Outer' },
        { kind: 'paragraph', text: 'inner' },
        { kind: 'paragraph', text: 'tail' },
      ],
    });
  });

  it('reports a page without visible text as empty_document', () => {
    const error = (() => {
      try {
        extractHtml(html('<html><head><title>Only a title</title></head><body> <script>x()</script> </body></html>'));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(DocentError);
    expect((error as DocentError).code).toBe('empty_document');
  });
});

describe('extractHtml on hostile input', () => {
  it('reads text nested ten thousand elements deep without exhausting the stack', () => {
    const depth = 10_000;
    const source = `${'<div><span>'.repeat(depth)}deep text${'</span></div>'.repeat(depth)}`;
    expect(extractHtml(html(source)).blocks).toEqual([{ kind: 'paragraph', text: 'deep text' }]);
  });
});
