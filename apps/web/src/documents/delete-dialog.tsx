import { useId, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { messageOf } from '../api/api-error.ts';
import { deleteDocument } from '../api/endpoints.ts';
import type { DocumentView } from '../api/types.ts';
import { ModalDialog } from '../ui/modal-dialog.tsx';

/** Props of the delete confirmation. */
export interface DeleteDialogProps {
  document: DocumentView;
  onDeleted: (id: string) => void;
  onCancel: () => void;
}

/** Asks before deleting a document; Cancel (focused first) keeps it. */
export const DeleteDialog = ({ document, onDeleted, onCancel }: DeleteDialogProps) => {
  const api = useApi();
  const titleId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await deleteDocument(api, document.id);
      onDeleted(document.id);
    } catch (thrown) {
      setError(messageOf(thrown));
      setBusy(false);
    }
  };

  return (
    <ModalDialog labelledBy={titleId} onClose={onCancel} initialFocus={cancelRef} className="confirm">
      <h2 id={titleId}>Delete {document.name}?</h2>
      <p>The document, its text and everything indexed from it will be removed. This cannot be undone.</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" disabled={busy} onClick={confirm}>
          Delete
        </button>
      </div>
    </ModalDialog>
  );
};
