import type { XmlToken } from './xml-tokens.ts';

/** One paragraph of a DrawingML shape, and whether its shape is a title placeholder. */
export interface ShapeParagraph {
  text: string;
  title: boolean;
}

/** Elements that start a new shape: a placeholder's role ends with its shape. */
const SHAPES = new Set(['p:sp', 'p:graphicFrame', 'p:cxnSp', 'p:pic']);
const TITLE_PLACEHOLDERS = new Set(['title', 'ctrTitle']);
/** Placeholders whose text the slide's own text repeats or that carry no content in notes. */
const SKIPPED_PLACEHOLDERS = new Set(['sldImg', 'sldNum', 'dt', 'ftr', 'hdr']);

/**
 * The paragraphs of a PowerPoint slide or notes part in document order (the shape tree's order,
 * which is the order slides are read in by screen readers): `<a:t>` runs joined, `<a:br/>` as a
 * line break, title placeholders marked. Shapes of skipped placeholders (slide number, date,
 * footer, the slide image on a notes page) are left out.
 */
export const shapeParagraphs = (tokens: Iterable<XmlToken>): ShapeParagraph[] => {
  const paragraphs: ShapeParagraph[] = [];
  let title = false;
  let skipped = false;
  let paragraph: ShapeParagraph | undefined;
  let inText = false;
  for (const token of tokens) {
    if (token.kind === 'open') {
      if (SHAPES.has(token.name)) {
        title = false;
        skipped = false;
      } else if (token.name === 'p:ph') {
        const type = token.attributes.type ?? '';
        title = TITLE_PLACEHOLDERS.has(type);
        skipped = SKIPPED_PLACEHOLDERS.has(type);
      } else if (token.name === 'a:p' && !token.selfClosing) paragraph = { text: '', title };
      else if (token.name === 'a:t') inText = !token.selfClosing;
      else if (token.name === 'a:br' && paragraph) paragraph.text += '\n';
    } else if (token.kind === 'text') {
      if (inText && paragraph) paragraph.text += token.text;
    } else if (token.name === 'a:t') inText = false;
    else if (token.name === 'a:p' && paragraph) {
      if (!skipped) paragraphs.push(paragraph);
      paragraph = undefined;
    }
  }
  return paragraphs;
};
