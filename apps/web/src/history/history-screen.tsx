import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { AnswerView } from '../answer/answer-view.tsx';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { listHistory } from '../api/endpoints.ts';
import type { HistoryEntry } from '../api/types.ts';

const when = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
};

/** Past questions, newest first; opening one shows its answer and citations again. */
export const HistoryScreen = () => {
  const api = useApi();
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<HistoryEntry | null>(null);
  const detailHeading = useRef<HTMLHeadingElement>(null);
  const detailId = useId();

  const load = useCallback(
    async (after?: string) => {
      try {
        const page = await listHistory(api, after);
        setEntries((current) => (after ? [...(current ?? []), ...page.entries] : page.entries));
        setCursor(page.nextCursor ?? null);
        setError(null);
      } catch (thrown) {
        setError(messageOf(thrown));
      }
    },
    [api],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    // Moves focus to the reopened answer so screen-reader and narrow-screen users land on it.
    if (selected) detailHeading.current?.focus();
  }, [selected]);

  return (
    <>
      <h1 tabIndex={-1}>History</h1>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="history">
        <div className="history-list">
          {entries === null && !error ? <p className="muted">Loading your questions…</p> : null}
          {entries?.length === 0 ? <p className="muted">No questions yet. Ask one on the Ask screen.</p> : null}
          {entries && entries.length > 0 ? (
            <ul className="entries" aria-label="Past questions">
              {entries.map((entry) => (
                <li key={entry.id}>
                  <button
                    type="button"
                    className="entry"
                    aria-current={selected?.id === entry.id ? 'true' : undefined}
                    onClick={() => setSelected(entry)}
                  >
                    {entry.question}
                  </button>
                  <time className="muted entry-time" dateTime={entry.askedAt}>
                    {when(entry.askedAt)}
                  </time>
                </li>
              ))}
            </ul>
          ) : null}
          {cursor ? (
            <button type="button" className="button button-secondary" onClick={() => void load(cursor)}>
              Load more
            </button>
          ) : null}
        </div>
        {selected ? (
          <article className="history-detail" aria-labelledby={detailId}>
            <h2 id={detailId} ref={detailHeading} tabIndex={-1}>
              {selected.question}
            </h2>
            {selected.redacted ? <p className="muted">Parts of this entry were redacted.</p> : null}
            <AnswerView key={selected.id} answer={selected} />
          </article>
        ) : null}
      </div>
    </>
  );
};
