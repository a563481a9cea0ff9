import { analyzeText, type LexicalEntry, type ScoredChunk } from '@docent/domain';

/** BM25 parameters and how much a match in each field weighs relative to the body text. */
export interface Bm25Options {
  k1: number;
  b: number;
  weights: { text: number; heading: number; documentName: number };
}

const FIELDS = ['text', 'heading', 'documentName'] as const;
type FieldCounts = [text: number, heading: number, documentName: number];

interface IndexedEntry {
  chunkId: string;
  documentId: string;
  /** Per term, its frequency in each field. */
  frequencies: Map<string, FieldCounts>;
  lengths: FieldCounts;
}

const analyzeEntry = (entry: LexicalEntry): IndexedEntry => {
  const frequencies = new Map<string, FieldCounts>();
  const lengths: FieldCounts = [0, 0, 0];
  FIELDS.forEach((field, f) => {
    const terms = analyzeText(entry[field] ?? '');
    lengths[f] = terms.length;
    for (const term of terms) {
      const counts = frequencies.get(term) ?? [0, 0, 0];
      counts[f] = (counts[f] ?? 0) + 1;
      frequencies.set(term, counts);
    }
  });
  return { chunkId: entry.chunkId, documentId: entry.documentId, frequencies, lengths };
};

/**
 * One owner's entries with BM25F scoring: per term, the field frequencies are length-normalised,
 * weighted and summed before one saturation, so a term repeated across fields is not counted as
 * several independent matches. Statistics are per owner, so one user's documents never change
 * another user's scores.
 */
export class Bm25fShard {
  private readonly entries = new Map<string, IndexedEntry>();
  private readonly postings = new Map<string, Set<string>>();
  private readonly lengthSums: FieldCounts = [0, 0, 0];
  /** Entries with a non-empty field, per field: a missing heading must not shorten the average. */
  private readonly fieldCounts: FieldCounts = [0, 0, 0];

  get size(): number {
    return this.entries.size;
  }

  add(entry: LexicalEntry): void {
    this.remove(entry.chunkId);
    const indexed = analyzeEntry(entry);
    this.entries.set(entry.chunkId, indexed);
    this.adjustStatistics(indexed, 1);
    for (const term of indexed.frequencies.keys()) {
      const chunkIds = this.postings.get(term) ?? new Set<string>();
      chunkIds.add(entry.chunkId);
      this.postings.set(term, chunkIds);
    }
  }

  remove(chunkId: string): void {
    const indexed = this.entries.get(chunkId);
    if (indexed === undefined) return;
    this.entries.delete(chunkId);
    this.adjustStatistics(indexed, -1);
    for (const term of indexed.frequencies.keys()) {
      const chunkIds = this.postings.get(term);
      chunkIds?.delete(chunkId);
      if (chunkIds?.size === 0) this.postings.delete(term);
    }
  }

  /** How many entries contain the term in any field. */
  frequency(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** Chunk ids of one document, for deletion. */
  chunksOf(documentId: string): string[] {
    return [...this.entries.values()].filter((entry) => entry.documentId === documentId).map((entry) => entry.chunkId);
  }

  /** Every entry matching at least one term, best first (ties by chunk id), at most `limit`. */
  search(
    terms: readonly string[],
    options: Bm25Options,
    limit: number,
    documentIds?: ReadonlySet<string>,
  ): ScoredChunk[] {
    const averages = this.lengthSums.map((sum, f) =>
      this.fieldCounts[f] === 0 ? 1 : sum / (this.fieldCounts[f] ?? 1),
    );
    const weights = [options.weights.text, options.weights.heading, options.weights.documentName];
    const scores = new Map<string, number>();
    for (const term of new Set(terms)) {
      const chunkIds = this.postings.get(term);
      if (chunkIds === undefined) continue;
      const idf = Math.log(1 + (this.entries.size - chunkIds.size + 0.5) / (chunkIds.size + 0.5));
      for (const chunkId of chunkIds) {
        const entry = this.entries.get(chunkId);
        if (entry === undefined || (documentIds !== undefined && !documentIds.has(entry.documentId))) continue;
        const counts = entry.frequencies.get(term) ?? [0, 0, 0];
        let weighted = 0;
        counts.forEach((count, f) => {
          if (count === 0) return;
          const norm = 1 - options.b + (options.b * (entry.lengths[f] ?? 0)) / (averages[f] ?? 1);
          weighted += ((weights[f] ?? 1) * count) / norm;
        });
        const gain = (idf * weighted * (options.k1 + 1)) / (weighted + options.k1);
        scores.set(chunkId, (scores.get(chunkId) ?? 0) + gain);
      }
    }
    return [...scores]
      .sort(([idA, a], [idB, b]) => b - a || (idA < idB ? -1 : idA > idB ? 1 : 0))
      .slice(0, limit)
      .map(([chunkId, score]) => ({ chunkId, documentId: this.entries.get(chunkId)?.documentId ?? '', score }));
  }

  private adjustStatistics(entry: IndexedEntry, sign: 1 | -1): void {
    entry.lengths.forEach((length, f) => {
      this.lengthSums[f] = (this.lengthSums[f] ?? 0) + sign * length;
      if (length > 0) this.fieldCounts[f] = (this.fieldCounts[f] ?? 0) + sign;
    });
  }
}
