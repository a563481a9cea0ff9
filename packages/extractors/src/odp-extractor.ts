import type { RawBlock, RawDocument } from '@docent/domain';
import { DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import { within } from './odf-content.ts';
import { extractOdf, type OdfReader, odfFormat } from './odf-package.ts';

const ODP_TYPE = 'application/vnd.oasis.opendocument.presentation';

/**
 * Presentation blocks: each `draw:page` is a slide (its number is the page), a frame of class
 * `title` is a heading, the speaker notes follow the slide; the slide image on the notes page
 * (class `page`) has no text of its own.
 */
const presentationReader = (): OdfReader => {
  const blocks: RawBlock[] = [];
  let page = 0;
  return {
    open(element) {
      if (element.name === 'draw:page') page++;
    },
    paragraph(text, _level, stack) {
      if (page === 0) return;
      const frameClass = within(stack, 'draw:frame')?.attributes['presentation:class'];
      const title = frameClass === 'title' && within(stack, 'presentation:notes') === undefined;
      blocks.push(title ? { kind: 'heading', level: 2, text, page } : { kind: 'paragraph', text, page });
    },
    blocks: () => blocks,
    pageCount: () => page,
  };
};

const ODP = { contentType: ODP_TYPE, label: 'OpenDocument presentation', extension: 'odp' };

/** OpenDocument presentation (LibreOffice Impress); see `extractOdf` for errors. */
export const extractOdp = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument =>
  extractOdf(bytes, limits, ODP, presentationReader);

/** OpenDocument presentation: a package whose `mimetype` member says so. */
export const ODP_FORMAT = odfFormat(ODP, extractOdp);
