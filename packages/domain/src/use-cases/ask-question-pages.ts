import { pageAt } from '../documents/page-at.ts';
import type { Citation } from '../entities/query.ts';
import type { ChunkRepository } from '../ports/chunk-repository.ts';

/**
 * The citations with the page each quote starts on. A chunk knows only the page it starts on, so
 * a quote further down may sit on a later page: the document's page offsets decide.
 */
export const placeOnPages = async (
  chunks: ChunkRepository,
  ownerId: string,
  citations: readonly Citation[],
): Promise<Citation[]> => {
  const paged = [...new Set(citations.filter((c) => c.page !== undefined).map((c) => c.documentId))];
  const pagesOf = new Map(
    await Promise.all(paged.map(async (id) => [id, (await chunks.getText(ownerId, id))?.pages ?? []] as const)),
  );
  return citations.map((citation) => {
    const page =
      citation.page === undefined ? undefined : pageAt(pagesOf.get(citation.documentId) ?? [], citation.charStart);
    return page === undefined ? citation : { ...citation, page };
  });
};
