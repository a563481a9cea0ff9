import type { Chunk, DocumentText } from '../entities/chunk.ts';
import { DocentError } from '../errors.ts';
import { type CutPoints, closestInRange, findCutPoints, lastInRange } from './cut-points.ts';
import { pageAt } from './page-at.ts';

/** A chunk before it has ids and an owner: what `chunkDocument` returns. */
export type ChunkDraft = Omit<Chunk, 'id' | 'documentId' | 'ownerId'>;

/** Sizes in characters of the normalised text. */
export interface ChunkOptions {
  /** Hard maximum length of a chunk (default 1200). */
  maxChars?: number;
  /** Preferred length of a chunk cut from a long section (default 850). */
  targetChars?: number;
  /** Minimum overlap between consecutive chunks of one section (default 250): longer than any 20-word quote. */
  overlapChars?: number;
}

/** The chunk sizes used when none are given. */
export const DEFAULT_CHUNK_SIZES = { maxChars: 1200, targetChars: 850, overlapChars: 250 } as const;

interface Section {
  start: number;
  end: number;
  heading?: string;
  blockStarts: Set<number>;
}

interface Sizes {
  maxChars: number;
  targetChars: number;
  overlapChars: number;
}

// Cuts between blocks and at sentence ends may land this far below the target: a somewhat
// shorter chunk that ends cleanly reads better and ranks better than one cut mid-sentence.
const CLEAN_CUT_SLACK = 0.3;
// A chunk start moves back at most this share of the overlap to reach a sentence start.
const START_SLACK = 0.6;

const resolveSizes = (options: ChunkOptions): Sizes => {
  const sizes = { ...DEFAULT_CHUNK_SIZES, ...options };
  const { maxChars, targetChars, overlapChars } = sizes;
  if (!(overlapChars >= 0 && overlapChars + 2 <= targetChars && targetChars <= maxChars)) {
    throw new DocentError('validation_failed', 'Chunk sizes need 0 <= overlapChars < targetChars <= maxChars.', {
      details: { ...sizes },
    });
  }
  return sizes;
};

/**
 * Cuts the normalised text into overlapping, structure-aware chunks. A heading starts a new
 * chunk (consecutive headings stay together, with the text they introduce); a section longer
 * than `maxChars` is split preferably between blocks, else at sentence ends, else between words,
 * and only a run without spaces is cut hard. Consecutive chunks of a section overlap by at least
 * `overlapChars`, so any quote that long lies wholly inside some chunk. Every chunk's `text` is
 * `text.text.slice(charStart, charEnd)`; `page` is where it starts, `heading` the section's title.
 */
export const chunkDocument = (text: DocumentText, options: ChunkOptions = {}): ChunkDraft[] => {
  const sizes = resolveSizes(options);
  const chunks: ChunkDraft[] = [];
  for (const section of findSections(text)) {
    for (const [charStart, charEnd] of splitSection(text.text, section, sizes)) {
      const page = pageAt(text.pages, charStart);
      chunks.push({
        ordinal: chunks.length,
        text: text.text.slice(charStart, charEnd),
        charStart,
        charEnd,
        ...(page === undefined ? {} : { page }),
        ...(section.heading === undefined ? {} : { heading: section.heading }),
      });
    }
  }
  return chunks;
};

const findSections = ({ text, blocks, headings }: DocumentText): Section[] => {
  const headingAt = new Map(headings.map((h) => [h.charStart, h.text]));
  const sections: Section[] = [];
  let current: Section | undefined;
  let previousWasHeading = false;
  for (const block of blocks.length > 0 ? blocks : [{ charStart: 0, charEnd: text.length }]) {
    if (block.charEnd <= block.charStart) continue;
    const heading = headingAt.get(block.charStart);
    if (current === undefined || (heading !== undefined && !previousWasHeading)) {
      current = { start: block.charStart, end: block.charEnd, blockStarts: new Set() };
      sections.push(current);
    }
    if (heading !== undefined) current.heading = heading;
    current.end = block.charEnd;
    current.blockStarts.add(block.charStart);
    previousWasHeading = heading !== undefined;
  }
  return sections;
};

const splitSection = (text: string, section: Section, sizes: Sizes): Array<[number, number]> => {
  const { maxChars } = sizes;
  if (section.end - section.start <= maxChars) return [[section.start, section.end]];
  const points = findCutPoints(text, section.start, section.end, section.blockStarts);
  const ranges: Array<[number, number]> = [];
  let start = section.start;
  while (section.end - start > maxChars) {
    const end = chooseEnd(text, start, points, sizes);
    ranges.push([start, end]);
    start = chooseNextStart(text, start, end, points, sizes);
  }
  ranges.push([start, section.end]);
  return ranges;
};

const chooseEnd = (text: string, start: number, points: CutPoints, sizes: Sizes): number => {
  const { maxChars, targetChars, overlapChars } = sizes;
  const target = start + targetChars;
  const hi = start + maxChars;
  const lo = Math.max(start + overlapChars + 1, Math.round(target - CLEAN_CUT_SLACK * targetChars));
  const clean =
    closestInRange(points.blockEnds, lo, hi, target) ??
    closestInRange(points.sentenceEnds, lo, hi, target) ??
    closestInRange(points.wordEnds, lo, hi, target) ??
    lastInRange(points.wordEnds, start + overlapChars + 1, hi);
  if (clean !== undefined) return clean;
  // A run without spaces: cut hard, but never between the halves of a surrogate pair.
  return splitsSurrogate(text, target) ? target - 1 : target;
};

const chooseNextStart = (text: string, start: number, end: number, points: CutPoints, sizes: Sizes): number => {
  const latest = end - sizes.overlapChars;
  const aligned =
    lastInRange(points.sentenceStarts, Math.max(start + 1, latest - START_SLACK * sizes.overlapChars), latest) ??
    lastInRange(points.wordStarts, start + 1, latest);
  if (aligned !== undefined) return aligned;
  if (!splitsSurrogate(text, latest)) return latest;
  return latest - 1 > start ? latest - 1 : latest + 1;
};

const splitsSurrogate = (text: string, at: number): boolean => {
  const code = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  return code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff;
};
