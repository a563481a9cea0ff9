import { useState } from 'react';
import type { AnswerContent, Citation, Source } from '../api/types.ts';
import { ViewerDialog } from '../viewer/viewer-dialog.tsx';
import { AnswerText } from './answer-text.tsx';
import { CitationList } from './citation-list.tsx';
import { PassageList } from './passage-list.tsx';

const NOT_FOUND = 'Not found in your documents';

/** Props of the answer view. */
export interface AnswerViewProps {
  /** The final answer, or null while streaming or before any question. */
  answer: AnswerContent | null;
  /** Text received so far, shown until the final answer arrives. */
  partialText?: string;
  streaming?: boolean;
  /** The ranked passages of the final answer (a live answer has them; history keeps none). */
  sources?: readonly Source[];
}

const isPlainNotFound = (text: string) => text.trim().replace(/\.$/, '').toLowerCase() === NOT_FOUND.toLowerCase();

/**
 * An answer as a live region that fills while streaming, then the final text with citation
 * markers, the citations list, the passages it comes from, and the document viewer for whichever
 * citation or passage is opened.
 */
export const AnswerView = ({ answer, partialText = '', streaming = false, sources = [] }: AnswerViewProps) => {
  const [open, setOpen] = useState<Citation | null>(null);
  const abstained = answer?.abstained === true;

  return (
    <>
      <section
        className={abstained ? 'answer answer-abstained' : 'answer'}
        aria-label="Answer"
        aria-live="polite"
        aria-busy={streaming}
        data-abstained={abstained ? 'true' : undefined}
      >
        {answer === null ? (
          partialText === '' && !streaming ? null : (
            <p className="answer-text">
              {partialText}
              {streaming ? <span className="typing" aria-hidden="true" /> : null}
            </p>
          )
        ) : abstained ? (
          <>
            <p className="abstained-title">{NOT_FOUND}</p>
            {isPlainNotFound(answer.answer) ? null : <p className="answer-text">{answer.answer}</p>}
          </>
        ) : (
          <AnswerText answer={answer.answer} citations={answer.citations} onOpen={setOpen} />
        )}
      </section>
      {answer && answer.citations.length > 0 ? <CitationList citations={answer.citations} onOpen={setOpen} /> : null}
      {answer ? (
        <PassageList sources={sources} citations={answer.citations} abstained={abstained} onOpen={setOpen} />
      ) : null}
      {open ? <ViewerDialog citation={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
};
