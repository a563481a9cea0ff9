import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';
import type { SqliteLexicalIndex } from './sqlite-lexical-index.ts';

const OWNER = 'owner';
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];

describe('SqliteLexicalIndex with saturated terms', () => {
  let temporary: TemporaryStore;
  afterEach(() => temporary.cleanup());

  /** 200 chunks that all say "manual"; chunk i also holds the words whose bit is set in i. */
  const seed = async () => {
    temporary = openTemporaryStore();
    const index = temporary.store.LexicalIndex as SqliteLexicalIndex;
    await index.add(
      Array.from({ length: 200 }, (_, i) => ({
        chunkId: `c${String(i).padStart(3, '0')}`,
        documentId: `d${i % 5}`,
        ownerId: OWNER,
        text: `manual page ${i}: ${WORDS.filter((_, bit) => i & (1 << bit)).join(' ')} ${'manual '.repeat(i % 4)}`,
        documentName: 'guide.txt',
      })),
    );
    return index;
  };

  it('leaves a term found in most chunks out of the match, with the same hits and scores within 1e-5', async () => {
    const index = await seed();
    const query = { ownerId: OWNER, text: 'manual alpha golf', limit: 20 };
    const before = await index.search(query);
    await index.refreshTermStatistics();
    const after = await index.search(query);
    expect(after.map((hit) => hit.chunkId)).toEqual(before.map((hit) => hit.chunkId));
    after.forEach((hit, i) => {
      expect(hit.score).toBeCloseTo(before[i]?.score ?? Number.NaN, 5);
      // "manual" still counted before: the scores differ, by bm25's clamped idf only.
      expect(hit.score).not.toBe(before[i]?.score);
    });
  });

  it('matches every term when the other terms alone do not fill the limit', async () => {
    const index = await seed();
    // 'hotel' alone is in 100 chunks: asking for 150 needs chunks that only say "manual".
    const query = { ownerId: OWNER, text: 'manual hotel', limit: 150 };
    const before = await index.search(query);
    await index.refreshTermStatistics();
    expect(await index.search(query)).toEqual(before);
    expect(before).toHaveLength(150);
  });
});
