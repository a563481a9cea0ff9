import type { Chunk, DocumentText } from '@docent/domain';
import { DocentError } from '@docent/domain';

/** A document's text and chunks as read back from its object. */
export interface ChunkedDocument {
  text: DocumentText;
  /** In ordinal order. */
  chunks: Chunk[];
  /** Ids of an earlier run whose pointer objects may still exist; see `S3ChunkRepository`. */
  retired: string[];
}

/** A chunk in its document's object: owner and document come from the key, the text from the offsets. */
interface StoredChunk {
  id: string;
  ordinal: number;
  charStart: number;
  charEnd: number;
  page?: number;
  heading?: string;
  /** Kept only when it is not `text.slice(charStart, charEnd)`, which it always should be. */
  text?: string;
}

interface StoredDocument {
  version: 1;
  text: DocumentText;
  chunks: StoredChunk[];
  retired: string[];
}

// Ids are percent-encoded into keys, so an id holding "/" cannot reach into another owner's prefix.
const segment = (id: string): string => encodeURIComponent(id);

/** `chunks/{ownerId}/{documentId}.json`: outside `documents/`, so writing it never triggers processing. */
export const documentObjectKey = (ownerId: string, documentId: string): string =>
  `chunks/${segment(ownerId)}/${segment(documentId)}.json`;

/** `chunk-index/{ownerId}/{chunkId}`: holds the id of the chunk's document. */
export const pointerObjectKey = (ownerId: string, chunkId: string): string =>
  `chunk-index/${segment(ownerId)}/${segment(chunkId)}`;

/** The object body for a document: UTF-8 JSON, chunks sorted by ordinal. */
export const encodeDocumentObject = (document: ChunkedDocument): Uint8Array => {
  const full = document.text.text;
  const stored: StoredDocument = {
    version: 1,
    text: document.text,
    chunks: [...document.chunks]
      .sort((a, b) => a.ordinal - b.ordinal)
      .map(({ id, ordinal, charStart, charEnd, page, heading, text }) => ({
        id,
        ordinal,
        charStart,
        charEnd,
        ...(page === undefined ? {} : { page }),
        ...(heading === undefined ? {} : { heading }),
        // Chunks overlap and cover the whole text: storing their text again would double the object.
        ...(text === full.slice(charStart, charEnd) ? {} : { text }),
      })),
    retired: document.retired,
  };
  return new TextEncoder().encode(JSON.stringify(stored));
};

/** Reads a document object back into fresh values. @throws DocentError `internal_error` when it is not one. */
export const decodeDocumentObject = (ownerId: string, documentId: string, bytes: Uint8Array): ChunkedDocument => {
  let stored: StoredDocument;
  try {
    stored = JSON.parse(new TextDecoder().decode(bytes)) as StoredDocument;
  } catch (error) {
    throw corrupt(ownerId, documentId, error);
  }
  if (stored?.version !== 1 || typeof stored.text?.text !== 'string' || !Array.isArray(stored.chunks)) {
    throw corrupt(ownerId, documentId);
  }
  const full = stored.text.text;
  const chunks = stored.chunks.map(
    ({ id, ordinal, charStart, charEnd, page, heading, text }): Chunk => ({
      id,
      documentId,
      ownerId,
      ordinal,
      text: text ?? full.slice(charStart, charEnd),
      charStart,
      charEnd,
      ...(page === undefined ? {} : { page }),
      ...(heading === undefined ? {} : { heading }),
    }),
  );
  return { text: stored.text, chunks, retired: Array.isArray(stored.retired) ? stored.retired : [] };
};

const corrupt = (ownerId: string, documentId: string, cause?: unknown): DocentError =>
  new DocentError('internal_error', `The stored chunks of document ${documentId} are unreadable.`, {
    details: { ownerId, documentId },
    ...(cause === undefined ? {} : { cause }),
  });
