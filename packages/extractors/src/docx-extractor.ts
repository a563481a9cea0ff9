import type { RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { type ParagraphRole, parseStyles, resolveRole } from './docx-styles.ts';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeUtf8 } from './utf8-text.ts';
import { type XmlToken, xmlTokens } from './xml-tokens.ts';
import { readZipMembers } from './zip-archive.ts';

const DOCUMENT_PART = 'word/document.xml';
const STYLES_PART = 'word/styles.xml';
const CORE_PART = 'docProps/core.xml';

interface Paragraph {
  text: string;
  styleId?: string;
  outlineLevel?: number;
  numbered: boolean;
}

/** Elements that only matter when they have content. */
const CONTAINERS = new Set(['w:p', 'w:r', 'w:tr']);
/** Run content that stands for white space: a tab stop, or a line break (kept, so code stays readable). */
const SEPARATORS = new Map([
  ['w:tab', ' '],
  ['w:br', '\n'],
  ['w:cr', '\n'],
]);

const blockOf = (paragraph: Paragraph, role: ParagraphRole): RawBlock => {
  const level =
    paragraph.outlineLevel !== undefined && paragraph.outlineLevel < 9 ? paragraph.outlineLevel + 1 : undefined;
  const headingLevel = level ?? role.headingLevel;
  if (headingLevel !== undefined) return { kind: 'heading', text: paragraph.text, level: headingLevel };
  if (paragraph.numbered || role.list) return { kind: 'list-item', text: paragraph.text };
  return { kind: role.code ? 'code' : 'paragraph', text: paragraph.text };
};

const readPart = (parts: Map<string, Uint8Array>, name: string): string | undefined => {
  const bytes = parts.get(name);
  if (bytes === undefined) return undefined;
  const text = decodeUtf8(bytes);
  if (text === null) throw new Error(`${name} is not UTF-8`);
  return text;
};

const metadataTitle = (xml: string | undefined): string | undefined => {
  if (xml === undefined) return undefined;
  let inTitle = false;
  let title = '';
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && token.name === 'dc:title' && !token.selfClosing) inTitle = true;
    else if (token.kind === 'close' && token.name === 'dc:title') inTitle = false;
    else if (token.kind === 'text' && inTitle) title += token.text;
  }
  return title.trim() || undefined;
};

/**
 * Reads the body of `word/document.xml` in order: each `<w:p>` becomes a block whose text is its
 * `<w:t>` runs (a tab as a space, a break as a line break); heading levels come from paragraph
 * styles (resolved through `word/styles.xml`) or outline levels; numbered paragraphs are list items;
 * each table row is one `table-row` block with cells separated by tabs. Alternate content is read
 * once (the fallback copy is skipped); deleted text of tracked changes is not read.
 */
class BodyReader {
  readonly blocks: RawBlock[] = [];
  titleText: string | undefined;
  private readonly paragraphs: Paragraph[] = [];
  private readonly rows: string[][] = [];
  private runDepth = 0;
  private inText = false;
  private fallbackDepth = 0;
  private readonly roleOf: (styleId: string | undefined) => ParagraphRole;
  private readonly budget: CharBudget;

  constructor(roleOf: (styleId: string | undefined) => ParagraphRole, budget: CharBudget) {
    this.roleOf = roleOf;
    this.budget = budget;
  }

  read(token: XmlToken): void {
    if (token.kind === 'open' && token.name === 'mc:Fallback' && !token.selfClosing) this.fallbackDepth++;
    else if (token.kind === 'close' && token.name === 'mc:Fallback') this.fallbackDepth--;
    if (this.fallbackDepth > 0) return;
    const paragraph = this.paragraphs.at(-1);
    if (token.kind === 'text') {
      if (this.inText && paragraph) {
        this.budget.take(token.text.length);
        paragraph.text += token.text;
      }
    } else if (token.kind === 'close') {
      this.close(token.name, paragraph);
    } else {
      this.open(token, paragraph);
    }
  }

  private open(token: Extract<XmlToken, { kind: 'open' }>, paragraph: Paragraph | undefined): void {
    const { name, selfClosing } = token;
    if (name === 'w:t') this.inText = !selfClosing;
    if (selfClosing && CONTAINERS.has(name)) return;
    if (name === 'w:p') this.paragraphs.push({ text: '', numbered: false });
    else if (name === 'w:r') this.runDepth++;
    else if (name === 'w:tr') this.rows.push([]);
    else if (name === 'w:tc') this.rows.at(-1)?.push('');
    else if (paragraph) this.applyToParagraph(name, token.attributes['w:val'], paragraph);
  }

  private applyToParagraph(name: string, value: string | undefined, paragraph: Paragraph): void {
    const separator = SEPARATORS.get(name);
    // Tab stop definitions in paragraph properties are also `w:tab`; only run content counts.
    if (separator !== undefined && this.runDepth > 0) paragraph.text += separator;
    if (value === undefined) return;
    if (name === 'w:pStyle') paragraph.styleId = value;
    else if (name === 'w:outlineLvl') paragraph.outlineLevel = Number(value);
    else if (name === 'w:numId') paragraph.numbered = value !== '0';
  }

  private close(name: string, paragraph: Paragraph | undefined): void {
    if (name === 'w:t') this.inText = false;
    else if (name === 'w:r') this.runDepth--;
    else if (name === 'w:tr') {
      const cells = (this.rows.pop() ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
      this.blocks.push({ kind: 'table-row', text: cells.join('\t') });
    } else if (name === 'w:p' && paragraph) {
      this.paragraphs.pop();
      const cells = this.rows.at(-1);
      if (cells && this.paragraphs.length === 0) {
        cells[cells.length - 1] = `${cells.at(-1) ?? ''}\n${paragraph.text}`;
        return;
      }
      const role = this.roleOf(paragraph.styleId);
      if (role.isTitle && this.titleText === undefined) this.titleText = paragraph.text;
      this.blocks.push(blockOf(paragraph, role));
    }
  }
}

/**
 * DOCX document; throws `extraction_failed` for a damaged archive or a missing or malformed body,
 * `too_large` past `maxInflatedBytes` (the parts read) or `maxExtractedChars`.
 */
export const extractDocx = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument => {
  const parts = readZipMembers(bytes, [DOCUMENT_PART, STYLES_PART, CORE_PART], limits.maxInflatedBytes);
  try {
    const documentXml = readPart(parts, DOCUMENT_PART);
    if (documentXml === undefined) throw new Error(`${DOCUMENT_PART} is missing`);
    const stylesXml = readPart(parts, STYLES_PART);
    const styles = stylesXml === undefined ? new Map() : parseStyles(stylesXml);
    const reader = new BodyReader((styleId) => resolveRole(styles, styleId), new CharBudget(limits.maxExtractedChars));
    for (const token of xmlTokens(documentXml)) reader.read(token);
    const { blocks, titleText } = reader;
    const firstHeading = blocks.find((block) => block.kind === 'heading' && block.level === 1)?.text;
    const title = metadataTitle(readPart(parts, CORE_PART)) ?? titleText ?? firstHeading;
    return finishDocument('application/vnd.openxmlformats-officedocument.wordprocessingml.document', blocks, { title });
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw new DocentError('extraction_failed', 'The DOCX file could not be read.', { cause: error });
  }
};

/** Word documents: a ZIP whose central directory lists `word/document.xml`. */
export const DOCX_FORMAT: FormatDefinition = {
  contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  label: 'Word',
  extensions: ['docx'],
  detection: { kind: 'zip', sniff: (archive) => archive.names.has(DOCUMENT_PART) },
  extract: extractDocx,
};
