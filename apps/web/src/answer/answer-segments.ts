import type { Citation } from '../api/types.ts';

/** A citation with the number its marker shows. */
export interface NumberedCitation {
  number: number;
  citation: Citation;
}

/** A piece of answer text, or a citation marker to render as a button. */
export type Segment = { kind: 'text'; text: string } | { kind: 'marker'; number: number; citation: Citation };

/** True for generated answers, whose text carries `[n]` markers that the citations point back to. */
export const hasMarkers = (citations: readonly Citation[]): boolean =>
  citations.some((citation) => citation.marker !== undefined);

/**
 * Numbers citations for display: by their `[n]` marker when the answer has markers, otherwise
 * 1..n in order (extractive answers carry no markers in their text).
 */
export const numberCitations = (citations: readonly Citation[]): NumberedCitation[] => {
  const marked = hasMarkers(citations);
  return citations.map((citation, index) => ({
    number: marked ? (citation.marker ?? index + 1) : index + 1,
    citation,
  }));
};

/**
 * Splits an answer into text and marker segments. With markers, each `[n]` that some citation
 * claims becomes a marker (for the first citation with that marker; unclaimed ones stay text);
 * without, one marker per citation follows the text, in order.
 */
export const answerSegments = (answer: string, citations: readonly Citation[]): Segment[] => {
  if (!hasMarkers(citations)) {
    const segments: Segment[] = answer === '' ? [] : [{ kind: 'text', text: answer }];
    for (const { number, citation } of numberCitations(citations)) {
      if (segments.length > 0) segments.push({ kind: 'text', text: ' ' });
      segments.push({ kind: 'marker', number, citation });
    }
    return segments;
  }
  const segments: Segment[] = [];
  let textStart = 0;
  for (const match of answer.matchAll(/\[(\d+)\]/g)) {
    const number = Number(match[1]);
    const citation = citations.find((candidate) => candidate.marker === number);
    if (!citation) continue;
    if (match.index > textStart) segments.push({ kind: 'text', text: answer.slice(textStart, match.index) });
    segments.push({ kind: 'marker', number, citation });
    textStart = match.index + match[0].length;
  }
  if (textStart < answer.length) segments.push({ kind: 'text', text: answer.slice(textStart) });
  return segments;
};

/** The accessible name of a marker: `Citation 2: report.pdf, page 4`. */
export const citationLabel = (number: number, citation: Citation): string =>
  `Citation ${number}: ${citation.documentName}${citation.page === undefined ? '' : `, page ${citation.page}`}`;
