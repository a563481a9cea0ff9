import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  byScoreThenChunkId,
  type CollectionStatistics,
  type FieldFrequencies,
  forEachTerm,
  inverseDocumentFrequency,
  maxTermScore,
  type ScoredChunk,
  termScore,
} from '@docent/domain';
import { readFts5Averages } from './fts5-averages.ts';

/** A term a budgeted search left out of its MATCH, with its chunk count in the whole index. */
export interface LeftOutTerm {
  term: string;
  /** Chunks (of all owners) holding the term: bm25()'s document frequency. */
  chunks: number;
}

/**
 * Completes a budgeted search's scores: FTS5 scored the candidates with bm25() over the question's
 * rarest terms only; this adds, per candidate, what bm25() would have added for each term left out,
 * from the candidate's stored text (`chunks` and `documents`, as ingestion wrote them) analysed
 * with the domain's analyser (`forEachTerm`), the very terms the FTS5 row was built from (so term frequencies per column and
 * the row's length are FTS5's own; a test checks the scores against bm25() on real rows), and the
 * index-wide row count and mean length from FTS5's own totals. The result is full BM25 for every
 * candidate; what a budget still changes is only which chunks become candidates.
 */
export class CandidateRescorer {
  readonly #averages: StatementSync;
  readonly #text: StatementSync;
  /** Reused per candidate: three counts per left-out term (body, heading, title). */
  #counts = new Float64Array(0);
  readonly #fields: FieldFrequencies = { body: 0, heading: 0, title: 0 };
  /** The search's left-out terms and where their counts go; the field and length being counted. */
  #slots: ReadonlyMap<string, number> = new Map();
  #field = 0;
  #length = 0;
  /** Counts one term of the candidate being read (made once: no closure per candidate). */
  readonly #visit = (term: string): void => {
    this.#length++;
    const slot = this.#slots.get(term);
    if (slot !== undefined) this.#counts[slot * 3 + this.#field] = (this.#counts[slot * 3 + this.#field] ?? 0) + 1;
  };

  constructor(db: DatabaseSync) {
    this.#averages = db.prepare('SELECT block FROM lexical_fts_data WHERE id = 1');
    this.#text = db.prepare(
      `SELECT c.text AS text, c.heading AS heading, d.name AS name
       FROM chunks AS c JOIN documents AS d ON d.owner_id = c.owner_id AND d.id = c.document_id
       WHERE c.owner_id = ? AND c.id = ?`,
    );
  }

  /**
   * The best `limit` of `hits` (best first by their partial score, as FTS5 returned them) by full
   * BM25, ties by chunk id. Candidates are rescored in order until no later one can reach the
   * `limit`-th full score (each left-out term adds at most idf x (k1 + 1)). A candidate whose
   * text is not stored keeps its partial score. Runs inside a read.
   */
  rescore(
    ownerId: string,
    hits: readonly ScoredChunk[],
    leftOut: readonly LeftOutTerm[],
    limit: number,
  ): ScoredChunk[] {
    const statistics = readFts5Averages(this.#averages);
    const idfs = leftOut.map((t) => inverseDocumentFrequency(statistics.chunkCount, t.chunks));
    this.#slots = new Map(leftOut.map((t, i) => [t.term, i]));
    const bound = idfs.reduce((sum, idf) => sum + maxTermScore(idf), 0);
    if (this.#counts.length < leftOut.length * 3) this.#counts = new Float64Array(leftOut.length * 3);
    const best = new TopScores(limit);
    const rescored: ScoredChunk[] = [];
    for (const hit of hits) {
      if (hit.score + bound < best.floor()) break;
      const score = hit.score + this.#extra(ownerId, hit.chunkId, idfs, statistics);
      rescored.push({ chunkId: hit.chunkId, documentId: hit.documentId, score });
      best.add(score);
    }
    rescored.sort(byScoreThenChunkId);
    return rescored.slice(0, limit);
  }

  /** What the left-out terms add to one candidate's score (0 when its text is not stored). */
  #extra(ownerId: string, chunkId: string, idfs: readonly number[], statistics: CollectionStatistics): number {
    const row = this.#text.get(ownerId, chunkId) as { text: string; heading: string | null; name: string } | undefined;
    if (row === undefined) return 0;
    const counts = this.#counts;
    counts.fill(0, 0, idfs.length * 3);
    // The row's length is its term count over all three columns, as FTS5 counted them at insert.
    this.#length = 0;
    this.#field = 0;
    forEachTerm(row.text, this.#visit);
    this.#field = 1;
    if (row.heading !== null) forEachTerm(row.heading, this.#visit);
    this.#field = 2;
    forEachTerm(row.name, this.#visit);
    const length = this.#length;
    let extra = 0;
    const fields = this.#fields;
    for (let i = 0; i < idfs.length; i++) {
      fields.body = counts[i * 3] ?? 0;
      fields.heading = counts[i * 3 + 1] ?? 0;
      fields.title = counts[i * 3 + 2] ?? 0;
      if (fields.body + fields.heading + fields.title > 0) extra += termScore(idfs[i] ?? 0, fields, length, statistics);
    }
    return extra;
  }
}

/** The `size` best scores so far, to know the score a later candidate must beat. */
class TopScores {
  readonly #scores: Float64Array;
  #count = 0;

  constructor(size: number) {
    this.#scores = new Float64Array(size);
  }

  /** The lowest of the best `size` scores, or -Infinity while fewer have been seen. */
  floor(): number {
    return this.#count < this.#scores.length ? Number.NEGATIVE_INFINITY : (this.#scores[this.#count - 1] ?? 0);
  }

  /** Keeps `score` if it is among the best (sorted insertion: `size` is the search's limit, ~100). */
  add(score: number): void {
    const scores = this.#scores;
    let at = Math.min(this.#count, scores.length - 1);
    if (this.#count === scores.length && score <= (scores[at] ?? 0)) return;
    while (at > 0 && (scores[at - 1] ?? 0) < score) {
      scores[at] = scores[at - 1] ?? 0;
      at--;
    }
    scores[at] = score;
    if (this.#count < scores.length) this.#count++;
  }
}
