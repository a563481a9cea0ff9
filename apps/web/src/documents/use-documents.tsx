import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { listDocuments } from '../api/endpoints.ts';
import type { DocumentView } from '../api/types.ts';
import { isPending } from './document-format.ts';

/** The document list, kept fresh while any document is still processing. */
export interface DocumentsState {
  /** Null until the first load completes. */
  documents: DocumentView[] | null;
  error: string | null;
  /** Loads the list again now. */
  refresh: () => Promise<void>;
  /** Replaces (or adds) one document locally, e.g. after a retry or an upload. */
  upsert: (document: DocumentView) => void;
  /** Drops one document locally after it was deleted. */
  remove: (id: string) => void;
}

/**
 * Loads the caller's documents and polls every `pollMs` while any is uploaded or processing.
 * Polls are chained (the next is scheduled after a response) so a slow server is never flooded.
 */
export const useDocuments = (pollMs = 1000): DocumentsState => {
  const api = useApi();
  const [documents, setDocuments] = useState<DocumentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Counts finished loads, so a poll is scheduled after failures too (the list itself is unchanged then).
  const [loads, setLoads] = useState(0);
  // Only the newest request may write the list, so a slow old poll cannot undo a newer state.
  const latest = useRef(0);

  const refresh = useCallback(async () => {
    const request = ++latest.current;
    try {
      const next = await listDocuments(api);
      if (request !== latest.current) return;
      setDocuments(next);
      setError(null);
    } catch (thrown) {
      if (request === latest.current) setError(messageOf(thrown));
    }
    if (request === latest.current) setLoads((count) => count + 1);
  }, [api]);

  useEffect(() => {
    void refresh();
    return () => {
      latest.current += 1;
    };
  }, [refresh]);

  const pending = documents?.some(isPending) ?? false;
  useEffect(() => {
    if (!pending || loads === 0) return;
    const timer = window.setTimeout(() => void refresh(), pollMs);
    return () => window.clearTimeout(timer);
  }, [loads, pending, pollMs, refresh]);

  // Local changes win over any load in flight, and restart the poll timer that load would have set.
  const supersede = useCallback(() => {
    latest.current += 1;
    setLoads((count) => count + 1);
  }, []);

  const upsert = useCallback(
    (document: DocumentView) => {
      supersede();
      setDocuments((current) => {
        const list = current ?? [];
        return list.some((candidate) => candidate.id === document.id)
          ? list.map((candidate) => (candidate.id === document.id ? document : candidate))
          : [document, ...list];
      });
    },
    [supersede],
  );

  const remove = useCallback(
    (id: string) => {
      supersede();
      setDocuments((current) => (current ?? []).filter((candidate) => candidate.id !== id));
    },
    [supersede],
  );

  return { documents, error, refresh, upsert, remove };
};
