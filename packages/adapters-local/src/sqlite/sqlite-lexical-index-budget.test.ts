import path from 'node:path';
import { analyzeText, type LexicalEntry } from '@docent/domain';
import { makeLexicalEntry } from '@docent/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkTexts } from '../../test-support/chunk-texts.ts';
import { openTemporaryStore, TEST_DIMENSIONS } from '../../test-support/temporary-store.ts';
import { openDatabase } from './open-database.ts';
import { planTerms } from './posting-budget.ts';
import { SqliteLexicalIndex } from './sqlite-lexical-index.ts';
import { SqliteUnitOfWork } from './sqlite-unit-of-work.ts';

// Words the analyser keeps as they are, so a list of kept terms can be searched as text again.
const WORDS = ['apple', 'banana', 'cherry', 'orchard', 'harvest', 'weather', 'river', 'stone', 'lamp', 'violin'].map(
  (word) => analyzeText(word)[0] as string,
);
const OWNERS = ['owner-a', 'owner-b'];

const termsOf = (entry: LexicalEntry): Set<string> => new Set(analyzeText(`${entry.text} ${entry.documentName}`));

/**
 * The chunks a budgeted search scores: when its kept terms hold more postings than the budget, only
 * the owner's newest `maxPostings` entries holding any of them (entries are numbered as added), else all.
 */
const scoredChunks =
  (
    live: readonly LexicalEntry[],
    ownerId: string,
    plan: { kept: readonly string[] },
    frequency: (term: string) => number,
    maxPostings: number,
  ) =>
  (terms: readonly string[]): Set<string> => {
    const matching = live.filter((e) => e.ownerId === ownerId && terms.some((term) => termsOf(e).has(term)));
    const postings = plan.kept.reduce((sum, term) => sum + frequency(term), 0);
    return new Set((postings > maxPostings ? matching.slice(-maxPostings) : matching).map((e) => e.chunkId));
  };

/** `full`'s hits for `terms` among `scored`'s chunks for them, best first, at most `limit`. */
const bestAmong = async (
  full: SqliteLexicalIndex,
  ownerId: string,
  terms: readonly string[],
  scored: (terms: readonly string[]) => Set<string>,
  limit: number,
) => {
  const among = scored(terms);
  const hits = await full.search({ ownerId, text: terms.join(' '), limit: 1000 });
  return hits.filter((hit) => among.has(hit.chunkId)).slice(0, limit);
};

/** A full-BM25 index and a budgeted one on a second connection to a fresh store, as an ask worker has. */
const openIndexes = (maxPostings: number) => {
  const temporary = openTemporaryStore();
  const db = openDatabase(path.join(temporary.dataDir, 'docent.db'), { dimensions: TEST_DIMENSIONS });
  const uow = new SqliteUnitOfWork(db);
  return {
    db,
    writer: temporary.store.LexicalIndex,
    full: new SqliteLexicalIndex(db, uow, { maxPostings: Number.POSITIVE_INFINITY }),
    budgeted: new SqliteLexicalIndex(db, uow, { maxPostings, candidatesPerHit: 2 }),
    unrescored: new SqliteLexicalIndex(db, uow, { maxPostings, candidatesPerHit: 0 }),
    close: async () => {
      db.close();
      await temporary.cleanup();
    },
  };
};

// Word k drawn with weight 2k + 1, so some terms are in most entries and some in few, as in text.
const word = fc.integer({ min: 0, max: WORDS.length ** 2 - 1 }).map((i) => WORDS[Math.floor(Math.sqrt(i))] as string);
const corpus = fc.array(
  fc.record({
    owner: fc.integer({ min: 0, max: 1 }),
    document: fc.integer({ min: 0, max: 3 }),
    words: fc.array(word, { minLength: 1, maxLength: 4 }),
  }),
  { minLength: 20, maxLength: 60 },
);

/** The corpus as lexical entries; each document is named after one of the words (the title column). */
const entriesOf = (specs: { owner: number; document: number; words: string[] }[]): LexicalEntry[] =>
  specs.map((spec) =>
    makeLexicalEntry({
      ownerId: OWNERS[spec.owner],
      documentId: `doc-${spec.document}`,
      text: spec.words.join(' '),
      documentName: WORDS[spec.document * 3] ?? '',
    }),
  );

/**
 * A corpus, a question's words, a budget and a limit. The budget is at least 4: 6% of these
 * corpora's rows stays below it, so the budget is exactly this.
 */
const searchCase = [
  corpus,
  fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 6 }),
  fc.integer({ min: 4, max: 20 }),
  fc.integer({ min: 1, max: 4 }),
] as const;

describe('SqliteLexicalIndex with a posting budget', () => {
  it("property: without stored text, equals full BM25 when the terms fit the budget, else full BM25 over its rarest terms that fill the limit, among the owner's newest rows when even those exceed it; never a deleted chunk", async () => {
    await fc.assert(
      fc.asyncProperty(...searchCase, async (specs, queryWords, maxPostings, limit) => {
        const { writer, full, budgeted, close } = openIndexes(maxPostings);
        try {
          const entries = entriesOf(specs);
          await writer.add(entries);
          await writer.deleteDocument('owner-a', 'doc-0');
          const live = entries.filter((entry) => !(entry.ownerId === 'owner-a' && entry.documentId === 'doc-0'));
          // What the budgeted index knows of each term: its rows (counted exactly up to 500).
          const frequency = (term: string) => live.filter((entry) => termsOf(entry).has(term)).length;
          const plan = planTerms(queryWords, frequency, { maxPostings, minimumRows: limit });
          for (const ownerId of OWNERS) {
            const text = queryWords.join(' ');
            const hits = await budgeted.search({ ownerId, text, limit });
            const scored = scoredChunks(live, ownerId, plan, frequency, maxPostings);
            let expected = await bestAmong(full, ownerId, queryWords, scored, limit);
            if (plan.dropped.length > 0) {
              const kept = [...plan.kept];
              for (const next of [...plan.dropped, undefined]) {
                expected = await bestAmong(full, ownerId, kept, scored, limit);
                if (expected.length >= limit || next === undefined) break;
                kept.push(next);
              }
            }
            expect(hits.map((hit) => hit.chunkId)).toEqual(expected.map((hit) => hit.chunkId));
            for (const [i, hit] of hits.entries()) expect(hit.score).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9);
            expect(hits.some((hit) => hit.documentId === 'doc-0' && ownerId === 'owner-a')).toBe(false);
          }
        } finally {
          await close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it('property: with the text stored, every hit has its full BM25 score, and the hits are the best by full BM25 among the candidates its rarest terms find (in the capped rows); never a deleted chunk', async () => {
    await fc.assert(
      fc.asyncProperty(...searchCase, async (specs, queryWords, maxPostings, limit) => {
        const { db, writer, full, budgeted, unrescored, close } = openIndexes(maxPostings);
        try {
          const entries = entriesOf(specs);
          await writer.add(entries);
          const texts = new ChunkTexts(db);
          for (const ownerId of OWNERS) {
            for (let d = 0; d < 4; d++) {
              const chunks = entries.filter((e) => e.ownerId === ownerId && e.documentId === `doc-${d}`);
              texts.write(
                ownerId,
                `doc-${d}`,
                WORDS[d * 3] ?? '',
                chunks.map((e) => ({ ...e, id: e.chunkId })),
              );
            }
          }
          await writer.deleteDocument('owner-a', 'doc-0');
          const live = entries.filter((entry) => !(entry.ownerId === 'owner-a' && entry.documentId === 'doc-0'));
          const frequency = (term: string) => live.filter((entry) => termsOf(entry).has(term)).length;
          const plan = planTerms(queryWords, frequency, { maxPostings, minimumRows: limit });
          const text = queryWords.join(' ');
          for (const ownerId of OWNERS) {
            const hits = await budgeted.search({ ownerId, text, limit });
            const scores = new Map(
              (await full.search({ ownerId, text, limit: 1000 })).map((hit) => [hit.chunkId, hit.score]),
            );
            // The candidates: the best 2 x limit by the rarest terms that fill the limit, all of them
            // when every term had to be added back; among the owner's newest rows when capped.
            const scored = scoredChunks(live, ownerId, plan, frequency, maxPostings);
            const kept = [...plan.kept];
            let candidates = await bestAmong(full, ownerId, kept, scored, 2 * limit);
            for (const next of plan.dropped) {
              if (candidates.length >= limit) break;
              kept.push(next);
              candidates = await bestAmong(full, ownerId, kept, scored, 2 * limit);
            }
            const expected = candidates
              .map((hit) => ({ chunkId: hit.chunkId, score: scores.get(hit.chunkId) ?? Number.NaN }))
              .sort((a, b) => b.score - a.score || (a.chunkId < b.chunkId ? -1 : 1))
              .slice(0, limit);
            // Rank by rank the best candidate's full score. Two candidates whose scores differ only by
            // rounding (SQLite's sum for one, the rescorer's for the other) may come in either order.
            const candidateIds = new Set(candidates.map((hit) => hit.chunkId));
            expect(hits).toHaveLength(expected.length);
            for (const [i, hit] of hits.entries()) {
              expect(candidateIds.has(hit.chunkId)).toBe(true);
              expect(scores.get(hit.chunkId)).toBeCloseTo(expected[i]?.score ?? Number.NaN, 9);
              expect(hit.score).toBeCloseTo(scores.get(hit.chunkId) ?? Number.NaN, 9);
            }
            expect(hits.some((hit) => hit.documentId === 'doc-0' && ownerId === 'owner-a')).toBe(false);
            // With rescoring off, the kept terms' ranking stands, text or not.
            if (plan.dropped.length > 0) {
              const partial = await unrescored.search({ ownerId, text, limit });
              expect(partial.map((hit) => hit.chunkId)).toEqual(candidates.slice(0, limit).map((hit) => hit.chunkId));
            }
          }
        } finally {
          await close();
        }
      }),
      { numRuns: 20 },
    );
  });

  it("scores only the owner's newest rows when the question's rarest term alone exceeds the budget", async () => {
    const { writer, full, budgeted, close } = openIndexes(10);
    try {
      // 30 chunks of each owner hold "lamp", older ones more often (a better BM25 score).
      const entries = OWNERS.flatMap((ownerId) =>
        Array.from({ length: 30 }, (_, i) =>
          makeLexicalEntry({ ownerId, documentId: `doc-${i % 3}`, text: `lamp ${'lamp '.repeat(30 - i)}stone` }),
        ),
      );
      await writer.add(entries);
      const newest = new Set(
        entries
          .filter((e) => e.ownerId === 'owner-b')
          .slice(-10)
          .map((e) => e.chunkId),
      );
      const everything = await full.search({ ownerId: 'owner-b', text: 'lamp', limit: 5 });
      const hits = await budgeted.search({ ownerId: 'owner-b', text: 'lamp', limit: 5 });
      expect(everything.every((hit) => !newest.has(hit.chunkId))).toBe(true);
      expect(hits.map((hit) => hit.chunkId)).toEqual(
        (await full.search({ ownerId: 'owner-b', text: 'lamp', limit: 30 }))
          .filter((hit) => newest.has(hit.chunkId))
          .slice(0, 5)
          .map((hit) => hit.chunkId),
      );
      // A document scope counts the scope's rows: the newest 10 of doc-1's, i.e. all of them.
      const scoped = await budgeted.search({ ownerId: 'owner-b', text: 'lamp', limit: 5, documentIds: ['doc-1'] });
      expect(scoped.map((hit) => hit.chunkId)).toEqual(
        (await full.search({ ownerId: 'owner-b', text: 'lamp', limit: 5, documentIds: ['doc-1'] })).map(
          (hit) => hit.chunkId,
        ),
      );
    } finally {
      await close();
    }
  });

  it("termStatistics follows the owner's chunks written on this connection and on another one", async () => {
    const { writer, budgeted: reader, close } = openIndexes(20_000);
    try {
      const owner = 'owner-a';
      const count = async (index: typeof writer) => (await index.termStatistics(owner, ['lamp'])).chunkCount;
      await writer.add([makeLexicalEntry({ ownerId: owner, documentId: 'd1', text: 'lamp' })]);
      expect([await count(writer), await count(reader)]).toEqual([1, 1]);
      await writer.add([makeLexicalEntry({ ownerId: owner, documentId: 'd2', text: 'lamp stone' })]);
      expect([await count(writer), await count(reader)]).toEqual([2, 2]);
      await reader.deleteDocument(owner, 'd1');
      expect([await count(writer), await count(reader)]).toEqual([1, 1]);
    } finally {
      await close();
    }
  });

  it('gives the same hits after a restart, before and after its term counts are read again', async () => {
    const temporary = openTemporaryStore({ lexicalSearch: { maxPostings: 10 } });
    try {
      const entries = Array.from({ length: 30 }, (_, i) =>
        makeLexicalEntry({ ownerId: 'owner', text: WORDS.filter((_, bit) => i & (1 << bit)).join(' ') || 'lamp' }),
      );
      await temporary.store.LexicalIndex.add(entries);
      const query = { ownerId: 'owner', text: 'apple banana cherry orchard harvest', limit: 3 };
      const before = await temporary.store.LexicalIndex.search(query);
      expect(before).toHaveLength(3);
      temporary.store.close();
      const reopened = temporary.reopen().LexicalIndex as SqliteLexicalIndex;
      expect(await reopened.search(query)).toEqual(before);
      await reopened.refreshTermStatistics();
      expect(await reopened.search(query)).toEqual(before);
    } finally {
      await temporary.cleanup();
    }
  });
});
