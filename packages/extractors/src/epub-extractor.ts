import type { RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { htmlBlocks } from './html-extractor.ts';
import { finishDocument } from './raw-blocks.ts';
import { xmlTokens } from './xml-tokens.ts';
import { resolvePartPath, ZipParts } from './zip-parts.ts';

const EPUB_TYPE = 'application/epub+zip';
const CONTAINER = 'META-INF/container.xml';
const HTML_MEDIA = new Set(['application/xhtml+xml', 'text/html']);

/** The package document's path, from the first `rootfile` of `META-INF/container.xml`. */
const packagePath = (parts: ZipParts): string => {
  for (const token of xmlTokens(parts.require(CONTAINER))) {
    const path = token.kind === 'open' && token.name.endsWith('rootfile') ? token.attributes['full-path'] : undefined;
    if (path !== undefined) return path;
  }
  throw parts.failed(`${CONTAINER} names no package document`);
};

const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** The spine's (X)HTML documents in reading order, and the book's `dc:title`. */
const readPackage = (xml: string, path: string): { chapters: string[]; title: string | undefined } => {
  const manifest = new Map<string, { href: string; type: string }>();
  const spine: string[] = [];
  let title = '';
  let inTitle = false;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'text' && inTitle) title += token.text;
    if (token.kind === 'close' && token.name === 'dc:title') inTitle = false;
    if (token.kind !== 'open') continue;
    const name = localName(token.name);
    const { id, href, idref } = token.attributes;
    if (token.name === 'dc:title' && !token.selfClosing && title === '') inTitle = true;
    else if (name === 'item' && id !== undefined && href !== undefined) {
      manifest.set(id, { href: resolvePartPath(path, href), type: token.attributes['media-type'] ?? '' });
    } else if (name === 'itemref' && idref !== undefined) spine.push(idref);
  }
  const chapters = spine.flatMap((idref) => {
    const item = manifest.get(idref);
    return item !== undefined && HTML_MEDIA.has(item.type) ? [item.href] : [];
  });
  return { chapters, title: title.trim() || undefined };
};

/**
 * EPUB book: the spine's chapters in reading order, each read as HTML (its headings are headings;
 * a chapter without one gets its `<title>` as a heading), one character budget for the book.
 * Throws `extraction_failed` for a damaged package, `too_large` past the inflate or character limits.
 */
export const extractEpub = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument => {
  const parts = new ZipParts(bytes, limits.maxInflatedBytes, 'EPUB');
  try {
    const opf = packagePath(parts);
    const book = readPackage(parts.require(opf), opf);
    const budget = new CharBudget(limits.maxExtractedChars);
    const blocks: RawBlock[] = [];
    // One chapter at a time: only one chapter's markup is in memory.
    for (const chapter of book.chapters) {
      const source = parts.read([chapter]).get(chapter);
      if (source === undefined) continue;
      const { blocks: chapterBlocks, title } = htmlBlocks(source, budget);
      const heading = chapterBlocks.some((block) => block.kind === 'heading');
      if (!heading && title?.trim() && chapterBlocks.length > 0)
        blocks.push({ kind: 'heading', level: 1, text: title });
      blocks.push(...chapterBlocks);
    }
    return finishDocument(EPUB_TYPE, blocks, { title: book.title });
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw parts.failed('its XML is malformed', error);
  }
};

/** EPUB books: a ZIP whose `mimetype` member is `application/epub+zip`. */
export const EPUB_FORMAT: FormatDefinition = {
  contentType: EPUB_TYPE,
  label: 'EPUB',
  extensions: ['epub'],
  detection: { kind: 'zip', sniff: (archive) => archive.mimetype === EPUB_TYPE && archive.names.has(CONTAINER) },
  extract: extractEpub,
};
