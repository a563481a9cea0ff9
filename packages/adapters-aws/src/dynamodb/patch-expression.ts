import type { DocumentPatch } from '@docent/domain';
import { progressItem } from './document-item.ts';

/** The parts of an UpdateItem request that apply a patch. */
export interface PatchExpression {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * The update expression for a document patch: SET for each field given a value, REMOVE `error` for
 * `error: null`; fields left out or `undefined` are untouched. Every name goes through a placeholder
 * (`status` and `size` are DynamoDB reserved words). Null when the patch changes nothing.
 */
export const patchExpression = (patch: DocumentPatch): PatchExpression | null => {
  const values: Record<string, unknown> = {
    status: patch.status,
    progress: patch.progress && progressItem(patch.progress),
    error: patch.error === null ? undefined : patch.error && { code: patch.error.code, message: patch.error.message },
    readyAt: patch.readyAt,
    pageCount: patch.pageCount,
    chunkCount: patch.chunkCount,
  };
  const set = Object.entries(values).filter(([, value]) => value !== undefined);
  const remove = patch.error === null ? ['error'] : [];
  if (set.length === 0 && remove.length === 0) return null;
  const clauses = [
    ...(set.length > 0 ? [`SET ${set.map(([name]) => `#${name} = :${name}`).join(', ')}`] : []),
    ...(remove.length > 0 ? [`REMOVE ${remove.map((name) => `#${name}`).join(', ')}`] : []),
  ];
  const names = [...set.map(([name]) => name), ...remove];
  return {
    UpdateExpression: clauses.join(' '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
    ...(set.length > 0 && {
      ExpressionAttributeValues: Object.fromEntries(set.map(([name, value]) => [`:${name}`, value])),
    }),
  };
};
