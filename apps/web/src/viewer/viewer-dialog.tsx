import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { documentText } from '../api/endpoints.ts';
import type { Citation, DocumentText } from '../api/types.ts';
import { ModalDialog } from '../ui/modal-dialog.tsx';
import { pageAt, splitForHighlight } from './text-highlight.ts';

/** Props of the document viewer. */
export interface ViewerDialogProps {
  citation: Citation;
  onClose: () => void;
}

type Load = { state: 'loading' } | { state: 'loaded'; text: DocumentText } | { state: 'failed'; message: string };

/** Shows a cited document as plain text with the cited span marked and scrolled into view. */
export const ViewerDialog = ({ citation, onClose }: ViewerDialogProps) => {
  const api = useApi();
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const markRef = useRef<HTMLElement>(null);
  const [load, setLoad] = useState<Load>({ state: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ state: 'loading' });
    documentText(api, citation.documentId, controller.signal)
      .then((text) => setLoad({ state: 'loaded', text }))
      .catch((thrown: unknown) => {
        if (!controller.signal.aborted) setLoad({ state: 'failed', message: messageOf(thrown) });
      });
    return () => controller.abort();
  }, [api, citation.documentId]);

  // A layout effect scrolls in the same commit that renders the mark, before the browser paints:
  // the text never shows at its top first, and anyone who sees the mark sees it scrolled to.
  useLayoutEffect(() => {
    // jsdom has no scrollIntoView; browsers all do.
    if (load.state === 'loaded') markRef.current?.scrollIntoView?.({ block: 'center' });
  }, [load]);

  const page = citation.page ?? (load.state === 'loaded' ? pageAt(load.text.pages, citation.charStart) : undefined);
  const parts =
    load.state === 'loaded' ? splitForHighlight(load.text.text, citation.charStart, citation.charEnd) : null;

  return (
    <ModalDialog label={citation.documentName} onClose={onClose} initialFocus={closeRef} className="viewer">
      <header className="viewer-header">
        <div>
          <h2 id={titleId}>{citation.documentName}</h2>
          {page === undefined ? null : <p className="viewer-page">Page {page}</p>}
        </div>
        <button ref={closeRef} type="button" className="button button-secondary" onClick={onClose}>
          Close
        </button>
      </header>
      {load.state === 'loading' ? <p role="status">Loading the document…</p> : null}
      {load.state === 'failed' ? (
        <p className="error" role="alert">
          {load.message}
        </p>
      ) : null}
      {parts ? (
        // Focusable so keyboard users can scroll the text.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
        <div className="viewer-text" tabIndex={0} aria-labelledby={titleId} role="document">
          {parts.before}
          <mark ref={markRef}>{parts.highlighted}</mark>
          {parts.after}
        </div>
      ) : null}
    </ModalDialog>
  );
};
