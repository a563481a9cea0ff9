import type { ContentType, DocumentRecord } from '../entities/document.ts';
import { documentBlobKey } from './document-blob-key.ts';

/**
 * A document as it first enters the repository, whether its bytes came with the request or will come
 * through a signed upload: `uploaded`, queued, its blob at `documentBlobKey`.
 */
export const newUploadedDocument = (fields: {
  id: string;
  ownerId: string;
  name: string;
  contentType: ContentType;
  size: number;
  sha256: string;
  uploadedAt: string;
}): DocumentRecord => ({
  ...fields,
  blobKey: documentBlobKey(fields.ownerId, fields.id),
  status: 'uploaded',
  progress: { stage: 'queued', done: 0, total: 1 },
});
