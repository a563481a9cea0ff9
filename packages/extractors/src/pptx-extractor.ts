import type { RawBlock, RawDocument } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { shapeParagraphs } from './drawingml-text.ts';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { parseRelationships, relationshipsPath } from './ooxml-relationships.ts';
import { finishDocument } from './raw-blocks.ts';
import { xmlTokens } from './xml-tokens.ts';
import { ZipParts } from './zip-parts.ts';

const PRESENTATION = 'ppt/presentation.xml';
const CONTENT_TYPES = '[Content_Types].xml';
const NOTES_TYPE = /\/notesSlide$/;
const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** The slide parts in presentation order (`p:sldIdLst`), not in member-name order. */
const slidePaths = (parts: ZipParts): string[] => {
  const presentation = parts.require(PRESENTATION);
  const rels = relationshipsPath(PRESENTATION);
  const relationships = parseRelationships(parts.read([rels]).get(rels), PRESENTATION);
  const paths: string[] = [];
  for (const token of xmlTokens(presentation)) {
    if (token.kind !== 'open' || token.name !== 'p:sldId') continue;
    const target = relationships.get(token.attributes['r:id'] ?? '')?.target;
    if (target !== undefined) paths.push(target);
  }
  return paths;
};

const slideBlocks = (xml: string, page: number, budget: CharBudget): RawBlock[] =>
  shapeParagraphs(xmlTokens(xml)).map(({ text, title }) => {
    budget.take(text.length);
    return title ? { kind: 'heading', level: 2, text, page } : { kind: 'paragraph', text, page };
  });

/**
 * PowerPoint deck: each slide's text in shape order, its title placeholder as a heading, then its
 * speaker notes; the page of every block is the slide number. Throws `extraction_failed` for a
 * damaged archive, `too_large` past `maxInflatedBytes` or `maxExtractedChars`.
 */
export const extractPptx = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument => {
  const parts = new ZipParts(bytes, limits.maxInflatedBytes, 'PowerPoint');
  try {
    const budget = new CharBudget(limits.maxExtractedChars);
    const slides = slidePaths(parts);
    const blocks: RawBlock[] = [];
    slides.forEach((path, index) => {
      const page = index + 1;
      const rels = relationshipsPath(path);
      const read = parts.read([path, rels]);
      const xml = read.get(path);
      if (xml === undefined) return;
      blocks.push(...slideBlocks(xml, page, budget));
      const notes = [...parseRelationships(read.get(rels), path).values()].find(({ type }) => NOTES_TYPE.test(type));
      const notesXml = notes === undefined ? undefined : parts.read([notes.target]).get(notes.target);
      if (notesXml !== undefined) {
        blocks.push(
          ...slideBlocks(notesXml, page, budget).map(({ text }) => ({ kind: 'paragraph' as const, text, page })),
        );
      }
    });
    const title = blocks.find((block) => block.kind === 'heading')?.text;
    return finishDocument(PPTX_TYPE, blocks, { pageCount: slides.length, title });
  } catch (error) {
    if (error instanceof DocentError) throw error;
    throw parts.failed('its XML is malformed', error);
  }
};

/** PowerPoint decks: an OOXML package (`[Content_Types].xml`) with `ppt/presentation.xml`. */
export const PPTX_FORMAT: FormatDefinition = {
  contentType: PPTX_TYPE,
  label: 'PowerPoint',
  extensions: ['pptx'],
  detection: { kind: 'zip', sniff: ({ names }) => names.has(CONTENT_TYPES) && names.has(PRESENTATION) },
  extract: extractPptx,
};
