const PENDING = 'pending:';

/**
 * The SHA-256 of a document whose bytes have not arrived yet (a presigned upload without a
 * client-declared hash). It names the document, so it never equals another document's hash nor
 * a real one: deduplication starts once processing has verified the bytes and recorded their hash.
 */
export const pendingSha256 = (documentId: string): string => `${PENDING}${documentId}`;

/** True for a placeholder from `pendingSha256`. */
export const isPendingSha256 = (sha256: string): boolean => sha256.startsWith(PENDING);
