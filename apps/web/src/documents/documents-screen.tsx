import { useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { retryDocument } from '../api/endpoints.ts';
import type { DocumentView } from '../api/types.ts';
import { DeleteDialog } from './delete-dialog.tsx';
import { DocumentTable } from './document-table.tsx';
import { UploadPanel } from './upload-panel.tsx';
import { useDocuments } from './use-documents.tsx';

/** Props of the documents screen. */
export interface DocumentsScreenProps {
  /** How often to reload while documents are processing (tests shorten it). */
  pollMs?: number;
}

/** Upload documents, watch them being processed, retry failures and delete. */
export const DocumentsScreen = ({ pollMs = 1000 }: DocumentsScreenProps) => {
  const api = useApi();
  const { documents, error, upsert, remove } = useDocuments(pollMs);
  const [deleting, setDeleting] = useState<DocumentView | null>(null);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);

  const retry = async (document: DocumentView) => {
    setActionError(null);
    setRetrying((current) => new Set(current).add(document.id));
    try {
      upsert(await retryDocument(api, document.id));
    } catch (thrown) {
      setActionError(`Could not retry ${document.name}: ${messageOf(thrown)}`);
    }
    setRetrying((current) => {
      const next = new Set(current);
      next.delete(document.id);
      return next;
    });
  };

  return (
    <>
      <h1 tabIndex={-1}>Documents</h1>
      <UploadPanel onUploaded={upsert} />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {actionError ? (
        <p className="error" role="alert">
          {actionError}
        </p>
      ) : null}
      <DocumentTable documents={documents ?? []} onDelete={setDeleting} onRetry={retry} retrying={retrying} />
      {documents === null ? <p className="muted">Loading your documents…</p> : null}
      {documents?.length === 0 ? <p className="muted">No documents yet. Upload a file to get started.</p> : null}
      {deleting ? (
        <DeleteDialog
          document={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={(id) => {
            setDeleting(null);
            remove(id);
          }}
        />
      ) : null}
    </>
  );
};
