import type { ContentType, DocumentFailure, DocumentRecord, DocumentStatus, ProcessingProgress } from '@docent/domain';
import { type DynamoItem, listingKey } from './dynamo-page.ts';

/** The progress as stored: its known fields only, the time-left estimate when there is one. */
export const progressItem = (progress: ProcessingProgress): ProcessingProgress => ({
  stage: progress.stage,
  done: progress.done,
  total: progress.total,
  ...(progress.etaSeconds !== undefined && { etaSeconds: progress.etaSeconds }),
});

/**
 * Sort-key prefix of the dedupe guard items that share the Documents table with the documents. No
 * document id may start with it (ids come from the Ids port, UUIDs, so this only refuses forged ones).
 */
export const GUARD_PREFIX = 'SHA#';

/** The sort key of the guard that reserves `sha256` for one of an owner's documents. */
export const guardKey = (sha256: string): string => `${GUARD_PREFIX}${sha256}`;

/** True for a sort key that names a guard item rather than a document. */
export const isGuardKey = (documentId: string): boolean => documentId.startsWith(GUARD_PREFIX);

/** Statuses in which a document is in the in-flight index (`inFlightStatus`): the sweeper's candidates. */
export const isInFlight = (status: DocumentStatus): boolean => status === 'uploaded' || status === 'processing';

/** The in-flight index's sort key: when the document last changed, then its id. */
export const changedAtId = (changedAt: Date, documentId: string): string => `${changedAt.toISOString()}#${documentId}`;

/**
 * A document's item: the record's fields, the owner as `userId`, the id as `documentId`, plus `uploadedAtId`,
 * `changedAtId` (created at `changedAt`) and, while in flight, `inFlightStatus`.
 */
export const toDocumentItem = (document: DocumentRecord, changedAt: Date): DynamoItem => ({
  userId: document.ownerId,
  documentId: document.id,
  uploadedAtId: listingKey(document.uploadedAt, document.id, 'uploadedAt'),
  changedAtId: changedAtId(changedAt, document.id),
  ...(isInFlight(document.status) && { inFlightStatus: document.status }),
  name: document.name,
  contentType: document.contentType,
  size: document.size,
  sha256: document.sha256,
  blobKey: document.blobKey,
  status: document.status,
  progress: progressItem(document.progress),
  ...(document.error !== undefined && { error: { code: document.error.code, message: document.error.message } }),
  uploadedAt: document.uploadedAt,
  ...(document.readyAt !== undefined && { readyAt: document.readyAt }),
  ...(document.pageCount !== undefined && { pageCount: document.pageCount }),
  ...(document.chunkCount !== undefined && { chunkCount: document.chunkCount }),
  ...(document.sweeps !== undefined && document.sweeps > 0 && { sweeps: document.sweeps }),
});

/** The record an item stores; optional fields absent from the item stay absent from the record. */
export const toDocumentRecord = (item: DynamoItem): DocumentRecord => {
  const progress = item.progress as ProcessingProgress;
  const error = item.error as DocumentFailure | undefined;
  return {
    id: item.documentId as string,
    ownerId: item.userId as string,
    name: item.name as string,
    contentType: item.contentType as ContentType,
    size: item.size as number,
    sha256: item.sha256 as string,
    blobKey: item.blobKey as string,
    status: item.status as DocumentStatus,
    progress: progressItem(progress),
    ...(error !== undefined && { error: { code: error.code, message: error.message } }),
    uploadedAt: item.uploadedAt as string,
    ...(item.readyAt !== undefined && { readyAt: item.readyAt as string }),
    ...(item.pageCount !== undefined && { pageCount: item.pageCount as number }),
    ...(item.chunkCount !== undefined && { chunkCount: item.chunkCount as number }),
    ...(item.sweeps !== undefined && { sweeps: item.sweeps as number }),
  };
};
