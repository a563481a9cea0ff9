/** Where a document's original bytes live in the BlobStore: `documents/{ownerId}/{documentId}`. */
export const documentBlobKey = (ownerId: string, documentId: string): string => `documents/${ownerId}/${documentId}`;

const BLOB_KEY = /^documents\/([^/]+)\/([^/]+)$/u;

/**
 * The owner and document of a blob key, or null for any other key: a storage event names the key,
 * and this is how it finds the document again.
 */
export const parseDocumentBlobKey = (key: string): { ownerId: string; documentId: string } | null => {
  const match = BLOB_KEY.exec(key);
  const [, ownerId, documentId] = match ?? [];
  return ownerId === undefined || documentId === undefined ? null : { ownerId, documentId };
};
