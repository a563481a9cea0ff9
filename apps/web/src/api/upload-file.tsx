import { ApiError, errorFromBody, parseJson } from './api-error.ts';
import type { ApiClient } from './http-client.ts';
import type { UploadResult } from './types.ts';

/** The `ApiError` code of an upload stopped by `abort()`. */
export const UPLOAD_CANCELLED = 'upload_cancelled';

/** A running upload: its outcome and a way to cancel it. */
export interface UploadHandle {
  done: Promise<UploadResult>;
  abort: () => void;
}

/**
 * Uploads one file to `POST /documents/upload` as multipart field `file`. Uses XMLHttpRequest
 * because fetch reports no upload progress; `onProgress` gets whole percentages 0..100.
 */
export const uploadFile = (api: ApiClient, file: File, onProgress: (percent: number) => void): UploadHandle => {
  const xhr = new XMLHttpRequest();
  const headers = api.authorization();
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.round((event.loaded / event.total) * 100));
    });
    xhr.addEventListener('load', () => {
      const body = parseJson(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(body as UploadResult);
        return;
      }
      api.rejected(xhr.status, 'authorization' in headers);
      reject(errorFromBody(xhr.status, body));
    });
    xhr.addEventListener('error', () =>
      reject(new ApiError('network_error', 'The upload was interrupted. Please try again.', { retryable: true })),
    );
    xhr.addEventListener('abort', () => reject(new ApiError(UPLOAD_CANCELLED, 'The upload was cancelled.')));
  });
  xhr.open('POST', '/documents/upload');
  xhr.setRequestHeader('accept', 'application/json');
  for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
};
