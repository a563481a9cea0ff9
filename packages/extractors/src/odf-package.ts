import type { ContentType, RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { CharBudget, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition, ZipProbe } from './format-definition.ts';
import { type OdfHandlers, walkOdfContent } from './odf-content.ts';
import { finishDocument } from './raw-blocks.ts';
import { xmlTokens } from './xml-tokens.ts';
import { ZipParts } from './zip-parts.ts';

const CONTENT = 'content.xml';
const META = 'meta.xml';

/** An OpenDocument package of `mimetype` (its first, stored member) with a `content.xml`. */
const isOdfPackage =
  (mimetype: string) =>
  (archive: ZipProbe): boolean =>
    archive.mimetype === mimetype && archive.names.has(CONTENT);

const metaTitle = (xml: string | undefined): string | undefined => {
  if (xml === undefined) return undefined;
  let title = '';
  let inTitle = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && token.name === 'dc:title') inTitle = !token.selfClosing;
    else if (token.kind === 'close' && token.name === 'dc:title') inTitle = false;
    else if (token.kind === 'text' && inTitle) title += token.text;
  }
  return title.trim() || undefined;
};

/** What an ODF format reader returns: its handlers and, once walked, its blocks. */
export interface OdfReader extends OdfHandlers {
  /** The blocks, read after the walk. */
  blocks(): RawBlock[];
  /** Pages (slides) for paged formats. */
  pageCount?(): number;
  /** False when headings are not titles (a spreadsheet's first heading is a sheet name). */
  readonly titleFromHeadings?: boolean;
}

/**
 * Reads an OpenDocument package with one format's reader: `content.xml` walked in order, the
 * title from `meta.xml` (else the first heading). `extraction_failed` for a damaged package,
 * `too_large` past the inflate or character limits.
 */
export const extractOdf = (
  bytes: Uint8Array,
  limits: ExtractionLimits,
  format: { contentType: ContentType; label: string },
  reader: (budget: CharBudget) => OdfReader,
): RawDocument => {
  const parts = new ZipParts(bytes, limits.maxInflatedBytes, format.label);
  try {
    const content = parts.require(CONTENT);
    const odf = reader(new CharBudget(limits.maxExtractedChars));
    walkOdfContent(content, odf, new CharBudget(limits.maxExtractedChars));
    const blocks = odf.blocks();
    const firstHeading = odf.titleFromHeadings === false ? undefined : blocks.find((block) => block.kind === 'heading');
    const title = metaTitle(parts.read([META]).get(META)) ?? firstHeading?.text;
    const pageCount = odf.pageCount?.();
    return finishDocument(format.contentType, blocks, { title, ...(pageCount === undefined ? {} : { pageCount }) });
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw parts.failed('its XML is malformed', error);
  }
};

/** The registry definition of an OpenDocument format: recognised by its `mimetype` member, read by `extract`. */
export const odfFormat = (
  format: { contentType: ContentType; label: string; extension: string },
  extract: FormatDefinition['extract'],
): FormatDefinition => ({
  contentType: format.contentType,
  label: format.label,
  extensions: [format.extension],
  detection: { kind: 'zip', sniff: isOdfPackage(format.contentType) },
  extract,
});
