/** One token of an XML document: a start tag (possibly self-closing), an end tag or character data. */
export type XmlToken =
  | { kind: 'open'; name: string; attributes: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

// Markup that carries no content (comments, declarations, processing instructions) is skipped;
// CDATA is character data taken literally.
const TOKEN =
  /<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<\/([^\s>]+)\s*>|<([^\s/>]+)((?:[^<>"']|"[^"]*"|'[^']*')*?)(\/?)>|([^<]+)/gy;
const ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITY = /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const fromCodePoint = (code: number, original: string): string =>
  code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : original;

/** Decodes the five predefined XML entities and numeric character references; others stay as written. */
export const decodeXmlEntities = (text: string): string =>
  text.includes('&')
    ? text.replace(ENTITY, (match, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
        if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match);
        if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10), match);
        return NAMED[name ?? ''] ?? match;
      })
    : text;

const parseAttributes = (source: string): Record<string, string> => {
  const attributes: Record<string, string> = {};
  for (const [, name, double, single] of source.matchAll(ATTRIBUTE)) {
    if (name !== undefined) attributes[name] = decodeXmlEntities(double ?? single ?? '');
  }
  return attributes;
};

/**
 * Streams the tokens of a well-formed XML document with entities decoded. A deliberately small
 * tokenizer: Office parts are machine-written XML, so no DTDs or custom entities need handling.
 * Throws when it meets text that is not XML, so a damaged part is never read half-way silently.
 */
export function* xmlTokens(xml: string): Generator<XmlToken> {
  // A fresh pattern per call: a shared sticky pattern would break when two parts are read at once.
  const pattern = new RegExp(TOKEN);
  let end = 0;
  for (let match = pattern.exec(xml); match !== null; match = pattern.exec(xml)) {
    end = pattern.lastIndex;
    const [, cdata, closeName, openName, attributeSource, slash, text] = match;
    if (text !== undefined) yield { kind: 'text', text: decodeXmlEntities(text) };
    else if (cdata !== undefined) yield { kind: 'text', text: cdata };
    else if (closeName !== undefined) yield { kind: 'close', name: closeName };
    else if (openName !== undefined) {
      yield {
        kind: 'open',
        name: openName,
        attributes: parseAttributes(attributeSource ?? ''),
        selfClosing: slash === '/',
      };
    }
  }
  if (end < xml.length) throw new Error(`Malformed XML at offset ${end}`);
}
