import type { DocumentRecord } from '../entities/document.ts';
import { documentBlobKey } from './document-blob-key.ts';

/**
 * A document as it first enters the repository, whether its bytes came with the request or will come
 * through a signed upload: `uploaded`, queued, its blob at `documentBlobKey`.
 */
export const newUploadedDocument = (
  fields: Pick<DocumentRecord, 'id' | 'ownerId' | 'name' | 'contentType' | 'size' | 'sha256' | 'uploadedAt'>,
): DocumentRecord => ({
  ...fields,
  blobKey: documentBlobKey(fields.ownerId, fields.id),
  status: 'uploaded',
  progress: { stage: 'queued', done: 0, total: 1 },
});
