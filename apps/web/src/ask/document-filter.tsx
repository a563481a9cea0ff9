import type { DocumentView } from '../api/types.ts';

/** Props of the document filter. */
export interface DocumentFilterProps {
  /** Ready documents; only these can be searched. */
  documents: readonly DocumentView[];
  selected: ReadonlySet<string>;
  onChange: (selected: ReadonlySet<string>) => void;
}

/** Checkboxes limiting a question to some documents; none checked means all of them. */
export const DocumentFilter = ({ documents, selected, onChange }: DocumentFilterProps) => {
  const toggle = (id: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(id);
    else next.delete(id);
    onChange(next);
  };

  return (
    <fieldset className="filter">
      <legend>Ask within</legend>
      {documents.length === 0 ? (
        <p className="muted">No documents are ready yet. Upload some on the Documents screen.</p>
      ) : (
        <>
          <p className="muted hint">Leave all unchecked to search every document.</p>
          <ul className="filter-options">
            {documents.map((document) => (
              <li key={document.id}>
                <label>
                  <input
                    type="checkbox"
                    checked={selected.has(document.id)}
                    onChange={(event) => toggle(document.id, event.target.checked)}
                  />{' '}
                  {document.name}
                </label>
              </li>
            ))}
          </ul>
        </>
      )}
    </fieldset>
  );
};
