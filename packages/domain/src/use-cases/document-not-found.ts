import { DocentError } from '../errors.ts';

/** The one answer for unknown and foreign documents alike, so ids of others cannot be probed. */
export const documentNotFound = (documentId: string): DocentError =>
  new DocentError('document_not_found', 'No such document.', { details: { documentId } });
