import { xmlTokens } from './xml-tokens.ts';

/** What a paragraph style means for extraction, after following its `basedOn` chain. */
export interface ParagraphRole {
  /** Heading level 1-9, for `Heading N`, `Title` and styles with an outline level. */
  headingLevel?: number;
  /** True for the `Title` style, the document title when metadata has none. */
  isTitle?: boolean;
  list?: boolean;
  code?: boolean;
}

interface StyleDefinition {
  name: string;
  basedOn?: string;
  outlineLevel?: number;
  numbered: boolean;
}

const HEADING_NAME = /^heading\s*([1-9])$/i;
const CODE_NAME = /\b(?:code|preformatted|verbatim)\b/i;
const MAX_CHAIN = 16;

/** Reads `word/styles.xml` into paragraph style definitions keyed by style id. */
export const parseStyles = (xml: string): Map<string, StyleDefinition> => {
  const styles = new Map<string, StyleDefinition>();
  let current: StyleDefinition | undefined;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'close' && token.name === 'w:style') current = undefined;
    if (token.kind !== 'open') continue;
    const value = token.attributes['w:val'];
    if (token.name === 'w:style') {
      const id = token.attributes['w:styleId'];
      current = { name: id ?? '', numbered: false };
      if (id !== undefined && token.attributes['w:type'] !== 'character') styles.set(id, current);
    } else if (current && value !== undefined) {
      if (token.name === 'w:name') current.name = value;
      else if (token.name === 'w:basedOn') current.basedOn = value;
      else if (token.name === 'w:outlineLvl') current.outlineLevel = Number(value);
      else if (token.name === 'w:numId') current.numbered = value !== '0';
    }
  }
  return styles;
};

/**
 * The role of a paragraph style, resolved through names rather than ids, because only the built-in
 * English templates use ids like `Heading1`; localised or custom styles keep the meaning in the name
 * or inherit it through `basedOn`.
 */
export const resolveRole = (styles: Map<string, StyleDefinition>, styleId: string | undefined): ParagraphRole => {
  const role: ParagraphRole = {};
  let id = styleId;
  for (let depth = 0; id !== undefined && depth < MAX_CHAIN; depth++) {
    const style = styles.get(id);
    const name = style?.name ?? id;
    const heading = HEADING_NAME.exec(name)?.[1] ?? /^Heading([1-9])$/.exec(id)?.[1];
    if (role.headingLevel === undefined && heading !== undefined) role.headingLevel = Number(heading);
    if (role.headingLevel === undefined && /^title$/i.test(name)) {
      role.headingLevel = 1;
      role.isTitle = true;
    }
    const outline = style?.outlineLevel;
    if (role.headingLevel === undefined && outline !== undefined && outline < 9) role.headingLevel = outline + 1;
    if (/^list\b/i.test(name) || style?.numbered) role.list = true;
    if (CODE_NAME.test(name) || /^SourceCode$/i.test(id)) role.code = true;
    id = style?.basedOn;
  }
  return role;
};
