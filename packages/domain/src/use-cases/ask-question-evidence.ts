import type { EvidencePassage } from '../answering/answerer.ts';
import type { Source } from '../entities/query.ts';
import type { RankedChunk } from '../retrieval/ranked-chunk.ts';

/** A retrieved chunk as the answerer's numbered evidence (`i` from 0), with its part when tagged. */
export const toPassage = ({ chunk, document, score, part }: RankedChunk, i: number): EvidencePassage => ({
  index: i + 1,
  documentId: chunk.documentId,
  documentName: document.name,
  ...(chunk.page === undefined ? {} : { page: chunk.page }),
  ...(chunk.heading ? { heading: chunk.heading } : {}),
  text: chunk.text,
  charStart: chunk.charStart,
  score,
  ...(part === undefined ? {} : { part }),
});

/** A retrieved chunk as a source of the answer (`i` from 0). */
export const toSource = ({ chunk, document, score }: RankedChunk, i: number): Source => ({
  rank: i + 1,
  documentId: chunk.documentId,
  documentName: document.name,
  chunkId: chunk.id,
  ...(chunk.page === undefined ? {} : { page: chunk.page }),
  charStart: chunk.charStart,
  charEnd: chunk.charEnd,
  score,
  text: chunk.text,
});
