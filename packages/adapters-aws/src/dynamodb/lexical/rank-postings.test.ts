import { DatabaseSync } from 'node:sqlite';
import { analyzeText } from '@docent/domain';
import { makeLexicalEntry } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { chunkTerms, queryTerms } from './chunk-terms.ts';
import type { Posting } from './postings.ts';
import { rankPostings } from './rank-postings.ts';

const TEXTS = [
  ['lamp oil and lamp wick', 'Lamps', 'lamps.md'],
  ['the river runs past the old stone mill', 'Rivers', 'notes.txt'],
  ['oil prices rose; see --max-time for the lamp', undefined, 'oil.txt'],
  ['violin strings', 'Music', 'violin.md'],
  ['a lamp', undefined, 'a.txt'],
  ['stone lamp oil lamp oil lamp', 'Oil lamps in stone', 'lamp-oil.md'],
] as const;
const entries = TEXTS.map(([text, heading, documentName]) =>
  makeLexicalEntry({ text, documentName, ...(heading !== undefined && { heading }) }),
);

/** FTS5's own bm25() over the same entries, as the SQLite lexical index builds its table. */
const fts5Scores = (query: string): Map<string, number> => {
  const db = new DatabaseSync(':memory:');
  db.exec(
    `CREATE VIRTUAL TABLE t USING fts5(body, heading, title, tokenize = "unicode61 remove_diacritics 0 tokenchars '-_.:/'")`,
  );
  const insert = db.prepare('INSERT INTO t (rowid, body, heading, title) VALUES (?, ?, ?, ?)');
  entries.forEach((entry, i) => {
    const fields = [entry.text, entry.heading ?? '', entry.documentName].map((text) => analyzeText(text).join(' '));
    insert.run(i + 1, ...fields);
  });
  const match = [...new Set(analyzeText(query))].map((term) => `"${term}"`).join(' OR ');
  const rows = db.prepare('SELECT rowid AS id, -bm25(t, 1, 2, 2) AS score FROM t WHERE t MATCH ?').all(match) as {
    id: number;
    score: number;
  }[];
  db.close();
  return new Map(rows.map((row) => [entries[row.id - 1]?.chunkId as string, row.score]));
};

/** The same entries as posting lists, ranked by rankPostings. */
const ourScores = (query: string): Map<string, number> => {
  const analysed = entries.map((entry) => ({ entry, ...chunkTerms(entry) }));
  const total = analysed.reduce((sum, chunk) => sum + chunk.length, 0);
  const lists = queryTerms(query).map((term) =>
    analysed.flatMap(({ entry, terms, length }): Posting[] => {
      const counts = terms.get(term);
      return counts === undefined ? [] : [{ chunkId: entry.chunkId, documentId: entry.documentId, length, counts }];
    }),
  );
  const hits = rankPostings(lists, { chunkCount: entries.length, averageLength: total / entries.length }, 100);
  return new Map(hits.map((hit) => [hit.chunkId, hit.score]));
};

describe('rankPostings', () => {
  it.each(['lamp oil', 'stone', 'max-time lamp', 'violin music river', 'lamp'])(
    'scores "%s" as FTS5 bm25() does with the SQLite index weights',
    (query) => {
      const expected = fts5Scores(query);
      const actual = ourScores(query);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [chunkId, score] of expected) expect(actual.get(chunkId)).toBeCloseTo(score, 9);
    },
  );

  it('keeps only the given documents, best first, at most limit', () => {
    const [first, second] = entries;
    const postings: Posting[] = [first, second].map((entry, i) => ({
      chunkId: entry?.chunkId as string,
      documentId: entry?.documentId as string,
      length: 5,
      counts: { body: i + 1, heading: 0, title: 0 },
    }));
    const statistics = { chunkCount: 10, averageLength: 5 };
    expect(rankPostings([postings], statistics, 1).map((hit) => hit.chunkId)).toEqual([second?.chunkId]);
    expect(
      rankPostings([postings], statistics, 5, new Set([first?.documentId as string])).map((hit) => hit.chunkId),
    ).toEqual([first?.chunkId]);
  });
});
