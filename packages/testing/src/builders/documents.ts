import type { DocumentRecord } from '@docent/domain';
import { isoAt, randomSha256, uniqueId } from './unique-id.ts';

/**
 * A valid freshly uploaded document. Defaults give a unique id, owner and sha256; the blob key
 * follows the domain's `documents/{ownerId}/{documentId}` layout for whatever ids end up set.
 */
export const makeDocument = (overrides: Partial<DocumentRecord> = {}): DocumentRecord => {
  const id = overrides.id ?? uniqueId('doc');
  const ownerId = overrides.ownerId ?? uniqueId('owner');
  return {
    id,
    ownerId,
    name: 'guide.pdf',
    contentType: 'application/pdf',
    size: 1234,
    sha256: randomSha256(),
    blobKey: `documents/${ownerId}/${id}`,
    status: 'uploaded',
    progress: { stage: 'queued', done: 0, total: 0 },
    uploadedAt: isoAt(0),
    ...overrides,
  };
};
