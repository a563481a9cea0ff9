import type { Citation, Source } from '../api/types.ts';

/**
 * How many of the best-ranked sources are shown under an answer: enough to check the answer (or
 * an abstention) against its neighbours, few enough to read; the API returns ten by default.
 */
export const SHOWN_PASSAGES = 5;

/** Longest excerpt of a passage, in characters (a few lines); the viewer shows the whole passage. */
export const EXCERPT_CHARS = 400;

/** A run of passage text, cited or not. */
export interface ExcerptPiece {
  text: string;
  cited: boolean;
}

/** What is shown of one passage: its text around the cited part, split into pieces. */
export interface PassageExcerpt {
  pieces: ExcerptPiece[];
  /** Text before the excerpt was left out. */
  clippedStart: boolean;
  /** Text after the excerpt was left out. */
  clippedEnd: boolean;
}

interface Range {
  start: number;
  end: number;
}

/** The citations whose span lies inside the source (both are offsets in the document's normalised text). */
export const citationsInside = (source: Source, citations: readonly Citation[]): Citation[] =>
  citations.filter(
    (citation) =>
      citation.documentId === source.documentId &&
      source.charStart <= citation.charStart &&
      citation.charEnd <= source.charEnd,
  );

/**
 * The sources to show, in rank order: the first `SHOWN_PASSAGES`, and any lower-ranked one that a
 * citation lies in, so every cited sentence can be read in its passage.
 */
export const shownSources = (sources: readonly Source[], citations: readonly Citation[]): Source[] =>
  sources.filter((source, index) => index < SHOWN_PASSAGES || citationsInside(source, citations).length > 0);

/** The cited spans as offsets into the passage's text, sorted, with overlapping spans merged into one. */
const citedRanges = (source: Source, cited: readonly Citation[]): Range[] => {
  const ranges = cited
    .map((citation) => ({ start: citation.charStart - source.charStart, end: citation.charEnd - source.charStart }))
    .sort((a, b) => a.start - b.start);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
};

const isSpace = (text: string, index: number): boolean => /\s/.test(text.charAt(index));

/**
 * The window of `text` to show: all of it when short; otherwise `EXCERPT_CHARS` centred on the
 * cited block (or the start of the passage when nothing is cited), its edges moved inwards to
 * word boundaries. The cited block itself is never cut, however long.
 */
const excerptWindow = (text: string, block: Range = { start: 0, end: 0 }): Range => {
  if (text.length <= EXCERPT_CHARS) return { start: 0, end: text.length };
  const width = Math.max(EXCERPT_CHARS, block.end - block.start);
  const centred = block.start - Math.floor((width - (block.end - block.start)) / 2);
  let start = Math.min(Math.max(centred, 0), text.length - width);
  let end = start + width;
  if (start > 0 && !isSpace(text, start - 1)) {
    let space = start;
    while (space < block.start && !isSpace(text, space)) space++;
    if (space < block.start) start = space + 1;
  }
  if (end < text.length) {
    const lowest = Math.max(block.end, start + 1);
    let space = end;
    while (space >= lowest && !isSpace(text, space)) space--;
    if (space >= lowest) end = space;
  }
  return { start, end };
};

/**
 * What to show of a passage: an excerpt around the spans of the given citations (those inside
 * it), split so that exactly each cited span is a cited piece.
 */
export const passageExcerpt = (source: Source, cited: readonly Citation[]): PassageExcerpt => {
  const ranges = citedRanges(source, cited);
  const first = ranges[0];
  const last = ranges.at(-1);
  const window = excerptWindow(source.text, first && last ? { start: first.start, end: last.end } : undefined);
  const pieces: ExcerptPiece[] = [];
  let at = window.start;
  for (const range of ranges) {
    if (range.start > at) pieces.push({ text: source.text.slice(at, range.start), cited: false });
    pieces.push({ text: source.text.slice(range.start, range.end), cited: true });
    at = range.end;
  }
  if (window.end > at) pieces.push({ text: source.text.slice(at, window.end), cited: false });
  return { pieces, clippedStart: window.start > 0, clippedEnd: window.end < source.text.length };
};

/**
 * Where the viewer opens a passage: at its first cited span, or at the whole passage when it holds
 * no citation (the viewer marks and scrolls to whatever span it is given).
 */
export const viewerSpan = (source: Source, cited: readonly Citation[]): Citation =>
  cited[0] ?? {
    documentId: source.documentId,
    documentName: source.documentName,
    ...(source.page === undefined ? {} : { page: source.page }),
    charStart: source.charStart,
    charEnd: source.charEnd,
    quote: source.text,
  };
