import type { DocumentView } from '../api/types.ts';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { formatSize, percentDone, statusText, typeLabel } from './document-format.ts';

/** Props of the documents table. */
export interface DocumentTableProps {
  documents: DocumentView[];
  onDelete: (document: DocumentView) => void;
  onRetry: (document: DocumentView) => void;
  /** Ids of documents with a retry request in flight. */
  retrying: ReadonlySet<string>;
}

const StatusCell = ({ document }: { document: DocumentView }) => (
  <td className={`status status-${document.status}`}>
    <span>{statusText(document)}</span>
    {document.status === 'processing' ? (
      <ProgressBar label={`Processing ${document.name}`} percent={percentDone(document)} />
    ) : null}
  </td>
);

/** The caller's documents with their processing state and per-row actions. */
export const DocumentTable = ({ documents, onDelete, onRetry, retrying }: DocumentTableProps) => (
  <div className="table-scroll">
    <table className="documents">
      <caption>Your documents</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Type</th>
          <th scope="col">Size</th>
          <th scope="col">Pages</th>
          <th scope="col">Status</th>
          {/* A plain cell: the buttons name their document, and the contract's headers stay exactly five. */}
          <td />
        </tr>
      </thead>
      <tbody>
        {documents.map((document) => (
          <tr key={document.id}>
            <td className="name">{document.name}</td>
            <td className="type">{typeLabel(document.contentType)}</td>
            <td className="number">{formatSize(document.size)}</td>
            <td className="number">{document.pageCount ?? '—'}</td>
            <StatusCell document={document} />
            <td className="actions">
              {document.status === 'failed' ? (
                <button
                  type="button"
                  className="button button-small button-secondary"
                  aria-label={`Retry ${document.name}`}
                  disabled={retrying.has(document.id)}
                  onClick={() => onRetry(document)}
                >
                  Retry
                </button>
              ) : null}
              <button
                type="button"
                className="button button-small button-danger"
                aria-label={`Delete ${document.name}`}
                onClick={() => onDelete(document)}
              >
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
