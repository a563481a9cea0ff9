import { type DragEvent, useId, useRef, useState } from 'react';
import { useApi } from '../api/api-context.tsx';
import { ApiError, messageOf } from '../api/api-error.ts';
import type { DocumentView } from '../api/types.ts';
import { UPLOAD_CANCELLED, uploadFile } from '../api/upload-file.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { ACCEPT, acceptedLabels } from './document-format.ts';

interface Upload {
  key: number;
  name: string;
  percent: number;
  abort: () => void;
}

interface Outcome {
  key: number;
  text: string;
  failed: boolean;
}

/** Props of the upload panel. */
export interface UploadPanelProps {
  /** Called with each stored document (new or an existing duplicate). */
  onUploaded: (document: DocumentView) => void;
}

/**
 * Chooses or drops files and uploads each with its own progress bar. The drop zone is a real
 * button, so Enter and Space open the file picker for keyboard users.
 */
export const UploadPanel = ({ onUploaded }: UploadPanelProps) => {
  const api = useApi();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const nextKey = useRef(0);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [outcomes, setOutcomes] = useState<Outcome[]>([]);
  const [dragging, setDragging] = useState(false);

  const start = (files: Iterable<File>) => {
    for (const file of files) {
      const key = nextKey.current++;
      const setPercent = (percent: number) =>
        setUploads((current) => current.map((upload) => (upload.key === key ? { ...upload, percent } : upload)));
      const finish = (outcome: Omit<Outcome, 'key'> | null) => {
        setUploads((current) => current.filter((upload) => upload.key !== key));
        if (outcome) setOutcomes((current) => [...current.slice(-4), { key, ...outcome }]);
      };
      const upload = uploadFile(api, file, setPercent);
      setUploads((current) => [...current, { key, name: file.name, percent: 0, abort: upload.abort }]);
      upload.done
        .then((result) => {
          onUploaded(result.document);
          finish(result.created ? null : { text: `${file.name} was already uploaded.`, failed: false });
        })
        .catch((thrown: unknown) => {
          const cancelled = thrown instanceof ApiError && thrown.code === UPLOAD_CANCELLED;
          finish(cancelled ? null : { text: `Could not upload ${file.name}: ${messageOf(thrown)}`, failed: true });
        });
    }
  };

  const onDrop = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    setDragging(false);
    start(Array.from(event.dataTransfer.files));
  };

  const onDragOver = (event: DragEvent<HTMLButtonElement>) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  return (
    <section className="upload" aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className="section-title">
        Upload
      </h2>
      <button
        type="button"
        className={dragging ? 'drop-zone dragging' : 'drop-zone'}
        aria-label="Drop files here"
        aria-describedby={`${inputId}-hint`}
        onClick={() => inputRef.current?.click()}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <span className="drop-title">Drop files here</span>
        <span id={`${inputId}-hint`} className="drop-hint">
          or press to choose. {acceptedLabels()}.
        </span>
      </button>
      <div className="file-choice">
        <label htmlFor={inputId}>Choose files</label>
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          onChange={(event) => {
            start(Array.from(event.target.files ?? []));
            // Lets the same file be chosen again later.
            event.target.value = '';
          }}
        />
      </div>
      {uploads.length > 0 ? (
        <ul className="uploads" aria-label="Uploads in progress">
          {uploads.map((upload) => (
            <li key={upload.key}>
              <span className="upload-name">{upload.name}</span>
              <ProgressBar label={`Uploading ${upload.name}`} percent={upload.percent} />
              <button
                type="button"
                className="button button-small button-secondary"
                aria-label={`Stop uploading ${upload.name}`}
                onClick={upload.abort}
              >
                Stop
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {outcomes.map((outcome) =>
        outcome.failed ? (
          <p key={outcome.key} className="error" role="alert">
            {outcome.text}
          </p>
        ) : (
          <p key={outcome.key} className="notice" role="status">
            {outcome.text}
          </p>
        ),
      )}
    </section>
  );
};
