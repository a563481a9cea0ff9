import { makeLexicalEntry } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { InMemoryLexicalIndex } from './in-memory-lexical-index.ts';

describe('InMemoryLexicalIndex scoring', () => {
  it('computes the BM25 score of a body-only match by the textbook formula (k1 1.2, b 0.75)', async () => {
    const index = new InMemoryLexicalIndex();
    const ownerId = 'owner-1';
    const entry = (text: string) => makeLexicalEntry({ ownerId, text, documentName: '' });
    // Analysed lengths: 3 and 1 terms, so the average body length is 2.
    await index.add([entry('zebra zebra lion'), entry('tiger')]);
    const [hit] = await index.search({ ownerId, text: 'zebra', limit: 5 });
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const tf = 2 / (1 - 0.75 + (0.75 * 3) / 2);
    expect(hit?.score).toBeCloseTo((idf * tf * 2.2) / (tf + 1.2), 10);
  });

  it('lets the caller tune the field weights', async () => {
    const ownerId = 'owner-1';
    const inHeading = makeLexicalEntry({ ownerId, heading: 'Installation', text: 'general notes about setup steps' });
    const inBody = makeLexicalEntry({ ownerId, heading: 'Overview', text: 'installation general notes about setup' });
    const flat = new InMemoryLexicalIndex({ weights: { heading: 0.2 } });
    await flat.add([inHeading, inBody]);
    const hits = await flat.search({ ownerId, text: 'installation', limit: 5 });
    expect(hits.map((hit) => hit.chunkId)).toEqual([inBody.chunkId, inHeading.chunkId]);
  });

  it("keeps each owner's statistics apart, so other users' data never moves a score", async () => {
    const index = new InMemoryLexicalIndex();
    const mine = makeLexicalEntry({ ownerId: 'me', text: 'shared word here' });
    await index.add([mine]);
    const [before] = await index.search({ ownerId: 'me', text: 'shared', limit: 1 });
    await index.add(Array.from({ length: 20 }, () => makeLexicalEntry({ ownerId: 'someone-else', text: 'shared' })));
    const [after] = await index.search({ ownerId: 'me', text: 'shared', limit: 1 });
    expect(after?.score).toBe(before?.score);
  });
});
