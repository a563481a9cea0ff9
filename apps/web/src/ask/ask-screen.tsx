import { type FormEvent, type KeyboardEvent, useId, useState } from 'react';
import { AnswerView } from '../answer/answer-view.tsx';
import { isAskable } from '../documents/document-format.ts';
import { useDocuments } from '../documents/use-documents.tsx';
import { DocumentFilter } from './document-filter.tsx';
import { useAsk } from './use-ask.tsx';

/** The API's question limit (the domain's `MAX_QUESTION_CHARS`; the test holds them together). */
export const MAX_QUESTION_CHARS = 2000;

/** Props of the ask screen. */
export interface AskScreenProps {
  /** How often to reload the document list while some are processing. */
  pollMs?: number;
}

/** Ask a question over the ready (or already searchable) documents and read the streamed, cited answer. */
export const AskScreen = ({ pollMs = 1000 }: AskScreenProps) => {
  const ids = useId();
  const { documents } = useDocuments(pollMs);
  const { streaming, partialText, answer, error, ask, stop } = useAsk();
  const [question, setQuestion] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [followUp, setFollowUp] = useState(false);
  const askable = (documents ?? []).filter(isAskable);
  // A document that stopped being askable (deleted, reprocessing) must not be sent.
  const documentIds = askable.filter((document) => selected.has(document.id)).map((document) => document.id);
  const conversationId = followUp ? answer?.conversationId : undefined;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (question.trim() === '' || streaming) return;
    ask({
      question: question.trim(),
      ...(documentIds.length > 0 ? { documentIds } : {}),
      ...(conversationId ? { conversationId } : {}),
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <>
      <h1 tabIndex={-1}>Ask</h1>
      <form className="ask-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${ids}-question`}>Question</label>
          <textarea
            id={`${ids}-question`}
            rows={3}
            maxLength={MAX_QUESTION_CHARS}
            value={question}
            aria-describedby={`${ids}-question-hint`}
            onChange={(event) => setQuestion(event.target.value)}
            onKeyDown={onKeyDown}
          />
          <p id={`${ids}-question-hint`} className="muted hint">
            Ctrl+Enter asks.
          </p>
        </div>
        <DocumentFilter documents={askable} selected={selected} onChange={setSelected} />
        {answer ? (
          <label className="check">
            <input type="checkbox" checked={followUp} onChange={(event) => setFollowUp(event.target.checked)} /> Follow
            up on the previous answer
          </label>
        ) : null}
        <div className="form-actions">
          <button className="button" type="submit" disabled={streaming || question.trim() === ''}>
            Ask
          </button>
          {streaming ? (
            <button className="button button-secondary" type="button" onClick={stop}>
              Stop
            </button>
          ) : null}
        </div>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <AnswerView answer={answer} partialText={partialText} streaming={streaming} sources={answer?.sources} />
    </>
  );
};
