import { Fragment } from 'react';
import type { Citation } from '../api/types.ts';
import { answerSegments, citationLabel } from './answer-segments.ts';

/** Props of the answer paragraph. */
export interface AnswerTextProps {
  answer: string;
  citations: readonly Citation[];
  onOpen: (citation: Citation) => void;
}

/** The answer text with its citation markers as buttons (always text nodes, never HTML). */
export const AnswerText = ({ answer, citations, onOpen }: AnswerTextProps) => (
  <p className="answer-text">
    {answerSegments(answer, citations).map((segment, index) =>
      segment.kind === 'text' ? (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments are derived from immutable text, their order is stable.
        <Fragment key={index}>{segment.text}</Fragment>
      ) : (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          key={index}
          type="button"
          className="marker"
          aria-label={citationLabel(segment.number, segment.citation)}
          onClick={() => onOpen(segment.citation)}
        >
          [{segment.number}]
        </button>
      ),
    )}
  </p>
);
