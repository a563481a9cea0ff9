import type { Citation } from '../entities/query.ts';
import type { DraftCitation, EvidencePassage } from './answerer.ts';

/**
 * Turns an answerer's citations into document citations: offsets become absolute offsets of the
 * document's normalised text and the quote is copied from the passage. A citation that names no
 * given passage, or whose span is empty or reaches outside its passage, is dropped, as are
 * repeats: an answerer (an LLM above all) is never trusted to cite correctly.
 */
export const verifyCitations = (drafts: readonly DraftCitation[], passages: readonly EvidencePassage[]): Citation[] => {
  const byIndex = new Map(passages.map((p) => [p.index, p]));
  const seen = new Set<string>();
  const citations: Citation[] = [];
  for (const draft of drafts) {
    const passage = byIndex.get(draft.passageIndex);
    const { start, end } = draft;
    if (passage === undefined || !Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < 0 || end <= start || end > passage.text.length) continue;
    const charStart = passage.charStart + start;
    const charEnd = passage.charStart + end;
    const key = `${draft.marker ?? ''}:${passage.documentId}:${charStart}:${charEnd}`;
    if (seen.has(key)) continue;
    seen.add(key);
    citations.push({
      ...(draft.marker === undefined ? {} : { marker: draft.marker }),
      documentId: passage.documentId,
      documentName: passage.documentName,
      ...(passage.page === undefined ? {} : { page: passage.page }),
      charStart,
      charEnd,
      quote: passage.text.slice(start, end),
    });
  }
  return citations;
};
