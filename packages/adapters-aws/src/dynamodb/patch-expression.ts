import type { DocumentPatch } from '@docent/domain';
import { changedAtId, isInFlight, progressItem } from './document-item.ts';

/** The parts of an UpdateItem request that apply a patch. */
export interface PatchExpression {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

/**
 * The update expression for a document patch: SET for each field given a value, REMOVE `error` for
 * `error: null` and `sweeps` for `sweeps: 0`; fields left out or `undefined` are untouched. A status
 * sets or removes `inFlightStatus` with it, and every change sets `changedAtId` to `changedAt` (the
 * in-flight index's sort key). Every name goes through a placeholder (`status` and `size` are
 * DynamoDB reserved words). Null when the patch changes nothing.
 */
export const patchExpression = (
  patch: DocumentPatch,
  change: { documentId: string; changedAt: Date },
): PatchExpression | null => {
  const inFlight = patch.status !== undefined && isInFlight(patch.status);
  const values: Record<string, unknown> = {
    status: patch.status,
    progress: patch.progress && progressItem(patch.progress),
    error: patch.error === null ? undefined : patch.error && { code: patch.error.code, message: patch.error.message },
    readyAt: patch.readyAt,
    pageCount: patch.pageCount,
    chunkCount: patch.chunkCount,
    sweeps: patch.sweeps === 0 ? undefined : patch.sweeps,
    inFlightStatus: inFlight ? patch.status : undefined,
  };
  const changes = Object.entries(values).filter(([, value]) => value !== undefined);
  const remove = [
    ...(patch.error === null ? ['error'] : []),
    ...(patch.sweeps === 0 ? ['sweeps'] : []),
    ...(patch.status !== undefined && !inFlight ? ['inFlightStatus'] : []),
  ];
  if (changes.length === 0 && remove.length === 0) return null;
  const set = [...changes, ['changedAtId', changedAtId(change.changedAt, change.documentId)] as const];
  const clauses = [
    `SET ${set.map(([name]) => `#${name} = :${name}`).join(', ')}`,
    ...(remove.length > 0 ? [`REMOVE ${remove.map((name) => `#${name}`).join(', ')}`] : []),
  ];
  const names = [...set.map(([name]) => name), ...remove];
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
    ExpressionAttributeValues: Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
  };
};
