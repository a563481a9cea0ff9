import type { Citation } from '../api/types.ts';
import { numberCitations } from './answer-segments.ts';

/** Props of the citations list. */
export interface CitationListProps {
  citations: readonly Citation[];
  onOpen: (citation: Citation) => void;
}

/** The citations under an answer: marker, document, page and quote, each opening the viewer. */
export const CitationList = ({ citations, onOpen }: CitationListProps) => (
  <ol className="citations" aria-label="Citations">
    {numberCitations(citations).map(({ number, citation }, index) => (
      // biome-ignore lint/suspicious/noArrayIndexKey: an answer's citations never reorder, and two may cite the same span.
      <li key={index}>
        <button type="button" className="citation" onClick={() => onOpen(citation)}>
          <span className="citation-head">
            <span className="citation-number">[{number}]</span>{' '}
            <span className="citation-doc">{citation.documentName}</span>
            {citation.page === undefined ? null : <span className="citation-page">, page {citation.page}</span>}
          </span>
          <span className="citation-quote">“{citation.quote}”</span>
        </button>
      </li>
    ))}
  </ol>
);
