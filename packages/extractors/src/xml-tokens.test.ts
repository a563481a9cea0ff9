import { describe, expect, it } from 'vitest';
import { decodeXmlEntities, xmlTokens } from './xml-tokens.ts';

describe('xmlTokens', () => {
  it('yields tags with decoded attributes and text with decoded entities', () => {
    const xml = `<?xml version="1.0"?><!-- note --><a x="1 &amp; 2" y='q'><b/>t &lt;&#65;&#x42;&gt;<![CDATA[<raw> &amp;]]></a>`;
    expect([...xmlTokens(xml)]).toEqual([
      { kind: 'open', name: 'a', attributes: { x: '1 & 2', y: 'q' }, selfClosing: false },
      { kind: 'open', name: 'b', attributes: {}, selfClosing: true },
      { kind: 'text', text: 't <AB>' },
      { kind: 'text', text: '<raw> &amp;' },
      { kind: 'close', name: 'a' },
    ]);
  });

  it('throws on text that is not XML instead of stopping silently', () => {
    expect(() => [...xmlTokens('<a>ok</a><b <c>')]).toThrow(/Malformed XML/);
  });

  it('can read two documents at once', () => {
    const outer = xmlTokens('<a>1</a>');
    const first = outer.next();
    expect([...xmlTokens('<b>2</b>')]).toHaveLength(3);
    expect(first.value).toMatchObject({ kind: 'open', name: 'a' });
    expect(outer.next().value).toEqual({ kind: 'text', text: '1' });
  });
});

describe('decodeXmlEntities', () => {
  it('keeps unknown entities and impossible code points as written', () => {
    expect(decodeXmlEntities('&nbsp; &#xD800; &#1114112; &apos;&quot;')).toBe('&nbsp; &#xD800; &#1114112; \'"');
  });
});
