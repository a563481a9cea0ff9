import { parseDocumentBlobKey } from '@docent/domain';
import type { S3Event, S3EventRecord } from 'aws-lambda';

/** One record of an S3 event, as the processing handler sees it. */
export type S3Target =
  | { kind: 'document'; key: string; ownerId: string; documentId: string }
  | { kind: 'ignored'; key: string; reason: string };

/**
 * The object key of an S3 event, decoded: S3 sends keys form-encoded (`+` for a space, then
 * percent-escapes), so `Happy%20Face.jpg` is `Happy Face.jpg` and `a+b` is `a b`. Null when the
 * escapes are malformed (no object can have that key).
 */
export const decodeS3Key = (raw: string): string | null => {
  try {
    return decodeURIComponent(raw.replace(/\+/gu, ' '));
  } catch {
    return null;
  }
};

const target = (record: S3EventRecord): S3Target => {
  const raw = record.s3?.object?.key ?? '';
  const key = decodeS3Key(raw);
  if (key === null) return { kind: 'ignored', key: raw, reason: 'malformed key encoding' };
  if (record.eventSource !== 'aws:s3' || !record.eventName?.startsWith('ObjectCreated:')) {
    return { kind: 'ignored', key, reason: `not an object creation (${record.eventName})` };
  }
  if (!key.startsWith('documents/')) return { kind: 'ignored', key, reason: 'outside documents/' };
  const parsed = parseDocumentBlobKey(key);
  if (parsed === null) return { kind: 'ignored', key, reason: 'not documents/{userId}/{documentId}' };
  return { kind: 'document', key, ...parsed };
};

/** What each record of the event names, in order. */
export const s3Targets = (event: S3Event): S3Target[] => (event.Records ?? []).map(target);
