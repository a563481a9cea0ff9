import path from 'node:path';
import { analyzeText, type ScoredChunk } from '@docent/domain';
import { makeLexicalEntry } from '@docent/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkTexts } from '../../test-support/chunk-texts.ts';
import { openTemporaryStore, TEST_DIMENSIONS } from '../../test-support/temporary-store.ts';
import { CandidateRescorer } from './candidate-rescorer.ts';
import { readFts5Averages } from './fts5-averages.ts';
import { openDatabase } from './open-database.ts';
import { quoteTerm } from './posting-budget.ts';
import { SqliteLexicalIndex } from './sqlite-lexical-index.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

// Words that exercise the analyser: stop words, stems, compounds kept whole and split, NFKC
// (the "ﬁ" ligature), case, diacritics, digits, non-Latin scripts.
const WORDS = [
  'the',
  'running',
  'runs',
  'url.parse',
  '--max-time',
  'XML_ParserCreate',
  'ﬁle',
  'Café',
  'straße',
  'ΣΟΦΊΑ',
  'v2.1',
  '東京',
  'apple',
  'orchard',
  'harvest',
  'lamp',
];
const OWNER = 'owner';

/** A store with the entries' text stored as ingestion stores it, a full-BM25 index, and its db. */
const openStore = () => {
  const temporary = openTemporaryStore();
  const db = openDatabase(path.join(temporary.dataDir, 'docent.db'), { dimensions: TEST_DIMENSIONS });
  return {
    temporary,
    db,
    full: new SqliteLexicalIndex(db, new SqliteUnitOfWork(db), { maxPostings: Number.POSITIVE_INFINITY }),
    close: async () => {
      db.close();
      await temporary.cleanup();
    },
  };
};

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((words) => words.join(' '));

describe('CandidateRescorer', () => {
  it("property: FTS5's bm25() over some terms plus the rescored rest equals bm25() over all terms, on real rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ text: sentence, heading: fc.option(sentence), document: fc.nat(3) }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.array(sentence, { minLength: 4, maxLength: 4 }),
        sentence,
        fc.nat(6),
        async (specs, names, question, split) => {
          const terms = [...new Set(analyzeText(question))];
          fc.pre(terms.length > 0);
          const { temporary, db, full, close } = openStore();
          try {
            const entries = specs.map((spec, i) =>
              makeLexicalEntry({
                ownerId: OWNER,
                chunkId: `c${i}`,
                documentId: `d${spec.document}`,
                text: spec.text,
                ...(spec.heading === null ? {} : { heading: spec.heading }),
                documentName: names[spec.document] ?? '',
              }),
            );
            await temporary.store.LexicalIndex.add(entries);
            await temporary.store.LexicalIndex.deleteDocument(OWNER, 'd0');
            const texts = new ChunkTexts(db);
            for (let d = 0; d < 4; d++) {
              const chunks = entries.filter((entry) => entry.documentId === `d${d}`);
              texts.write(
                OWNER,
                `d${d}`,
                names[d] ?? '',
                chunks.map((e) => ({ ...e, id: e.chunkId })),
              );
            }
            const kept = terms.slice(0, Math.max(1, split % terms.length));
            const leftOut = terms.slice(kept.length);
            const chunks = (term: string) =>
              (
                db.prepare('SELECT count(*) AS n FROM lexical_fts WHERE lexical_fts MATCH ?').get(quoteTerm(term)) as {
                  n: number;
                }
              ).n;
            // bm25() over the kept terms, as a budgeted search's FTS5 query returns it.
            const partial = db
              .prepare(
                `SELECT e.chunk_id AS chunkId, e.document_id AS documentId, -bm25(lexical_fts, 1, 2, 2) AS score
                 FROM lexical_fts JOIN lexical_entries AS e ON e.entry_id = lexical_fts.rowid
                 WHERE lexical_fts MATCH ? ORDER BY score DESC, e.chunk_id`,
              )
              .all(kept.map(quoteTerm).join(' OR ')) as unknown as ScoredChunk[];
            const rescored = new CandidateRescorer(db).rescore(
              OWNER,
              partial,
              leftOut.map((term) => ({ term, chunks: chunks(term) })),
              entries.length,
            );
            const expected = new Map(
              (await full.search({ ownerId: OWNER, text: question, limit: 1000 })).map((hit) => [
                hit.chunkId,
                hit.score,
              ]),
            );
            expect(rescored).toHaveLength(partial.length);
            expect(rescored.some((hit) => hit.documentId === 'd0')).toBe(false);
            for (const hit of rescored) expect(hit.score).toBeCloseTo(expected.get(hit.chunkId) ?? Number.NaN, 9);
            for (let i = 1; i < rescored.length; i++) {
              expect(rescored[i - 1]?.score).toBeGreaterThanOrEqual(rescored[i]?.score ?? 0);
            }
          } finally {
            await close();
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  // Only before deletions: FTS5's contentless-delete totals are its own business after them, and
  // bm25() uses them as they are, which the property above checks through deletions.
  it("reads FTS5's row count and mean row length (the analysed terms of all three columns)", async () => {
    const { temporary, db, close } = openStore();
    try {
      const entries = WORDS.map((word, i) =>
        makeLexicalEntry({ ownerId: OWNER, text: `${word} apple`, heading: word, documentName: `${i}.pdf` }),
      );
      await temporary.store.LexicalIndex.add(entries);
      const live = entries;
      const tokens = live.reduce(
        (sum, e) => sum + [e.text, e.heading ?? '', e.documentName].reduce((n, t) => n + analyzeText(t).length, 0),
        0,
      );
      const averages = readFts5Averages(db.prepare('SELECT block FROM lexical_fts_data WHERE id = 1'));
      expect(averages).toEqual({ chunkCount: live.length, averageLength: tokens / live.length });
    } finally {
      await close();
    }
  });
});
