import { Fragment, useId } from 'react';
import type { Citation, Source } from '../api/types.ts';
import { citationsInside, passageExcerpt, shownSources, viewerSpan } from './passage-excerpt.ts';

/** Props of the passages under an answer. */
export interface PassageListProps {
  sources: readonly Source[];
  citations: readonly Citation[];
  abstained: boolean;
  /** Opens the viewer at a span: the passage's first cited span, or the whole passage. */
  onOpen: (span: Citation) => void;
}

const bestMatching = (n: number) => (n === 1 ? 'The best-matching passage' : `The ${n} best-matching passages`);

/**
 * The evidence under an answer: the best-ranked passages with the cited sentences marked, each
 * opening the viewer. On an abstention they are the closest passages, shown so the reader can
 * check that the documents really do not answer.
 */
export const PassageList = ({ sources, citations, abstained, onOpen }: PassageListProps) => {
  const headingId = useId();
  const shown = shownSources(sources, citations);
  if (shown.length === 0) return null;
  return (
    <section className="passages" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {abstained ? 'Closest passages (they do not answer the question)' : 'Where this comes from'}
      </h2>
      <p className="muted passages-note">
        {bestMatching(shown.length)} for your question, best first.{' '}
        {abstained ? null : 'Highlighted text is what the answer cites. '}
        Open a passage to read it in its document.
      </p>
      <ol className="passage-list" aria-label="Passages">
        {shown.map((source) => {
          const cited = citationsInside(source, citations);
          const { pieces, clippedStart, clippedEnd } = passageExcerpt(source, cited);
          return (
            <li key={source.chunkId}>
              <button type="button" className="passage" onClick={() => onOpen(viewerSpan(source, cited))}>
                <span className="passage-head">
                  <span className="passage-doc">{source.documentName}</span>
                  {source.page === undefined ? null : <span className="passage-page">, page {source.page}</span>}
                </span>
                <span className="passage-text">
                  {clippedStart ? '… ' : null}
                  {pieces.map((piece, index) =>
                    // biome-ignore lint/suspicious/noArrayIndexKey: pieces are cut from immutable text, their order is stable.
                    piece.cited ? <mark key={index}>{piece.text}</mark> : <Fragment key={index}>{piece.text}</Fragment>,
                  )}
                  {clippedEnd ? ' …' : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
};
