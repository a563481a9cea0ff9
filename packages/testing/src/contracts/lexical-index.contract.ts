import { analyzeText, type LexicalEntry, type LexicalIndex, type ScoredChunk } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a LexicalIndex adapter's test gives the contract: an empty index. */
export interface LexicalIndexFixture extends Fixture {
  index: LexicalIndex;
}

/** A lexical entry with unique ids; override the text and scope as needed. */
export const makeLexicalEntry = (overrides: Partial<LexicalEntry> = {}): LexicalEntry => ({
  chunkId: uniqueId('chunk'),
  documentId: uniqueId('doc'),
  ownerId: uniqueId('owner'),
  text: 'A paragraph about nothing in particular.',
  documentName: 'notes.txt',
  ...overrides,
});

const chunkIds = (hits: readonly { chunkId: string }[]): string[] => hits.map((hit) => hit.chunkId);

const expectDescendingScores = (hits: readonly ScoredChunk[]): void => {
  for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
};

const WORDS = ['apple', 'banana', 'cherry', 'orchard', 'harvest', 'weather', 'river', 'stone', 'lamp', 'violin'];

/** Registers the tests every LexicalIndex must pass. `setup` must return an empty index. */
export const describeLexicalIndexContract = (adapterName: string, setup: () => Promise<LexicalIndexFixture>): void => {
  describe(`LexicalIndex contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('ranks chunks matching more query terms higher and leaves out chunks matching none', async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      const all = makeLexicalEntry({ ownerId, text: 'apple banana cherry orchard harvest notes' });
      const one = makeLexicalEntry({ ownerId, text: 'apple orchard harvest notes weather report' });
      const none = makeLexicalEntry({ ownerId, text: 'weather report local news sports summary' });
      await index.add([none, one, all]);
      const hits = await index.search({ ownerId, text: 'apple banana cherry', limit: 10 });
      expect(chunkIds(hits)).toEqual([all.chunkId, one.chunkId]);
      expect(hits[0]?.documentId).toBe(all.documentId);
      expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? Number.POSITIVE_INFINITY);
    });

    it('weighs matches in the heading and the document name more than the same match in the body', async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      const inHeading = makeLexicalEntry({ ownerId, heading: 'Installation', text: 'general notes about setup steps' });
      const inBody = makeLexicalEntry({ ownerId, heading: 'Overview', text: 'installation general notes about setup' });
      const inName = makeLexicalEntry({ ownerId, documentName: 'kubernetes.md', text: 'general notes about cluster' });
      const inText = makeLexicalEntry({ ownerId, documentName: 'notes.md', text: 'kubernetes general notes about' });
      await index.add([inBody, inHeading, inText, inName]);
      expect(chunkIds(await index.search({ ownerId, text: 'installation', limit: 10 }))).toEqual([
        inHeading.chunkId,
        inBody.chunkId,
      ]);
      expect(chunkIds(await index.search({ ownerId, text: 'kubernetes', limit: 10 }))).toEqual([
        inName.chunkId,
        inText.chunkId,
      ]);
    });

    it('finds code-like terms such as --max-time and XML_ParserCreate', async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      const flag = makeLexicalEntry({ ownerId, text: 'Use --max-time <seconds> to limit the whole operation.' });
      const prose = makeLexicalEntry({ ownerId, text: 'The maximum time allowed for a transfer is configurable.' });
      const call = makeLexicalEntry({ ownerId, text: 'Call XML_ParserCreate to create a new parser object.' });
      const parser = makeLexicalEntry({ ownerId, text: 'The XML parser is created on demand by the library.' });
      await index.add([prose, flag, parser, call]);
      expect((await index.search({ ownerId, text: '--max-time', limit: 10 }))[0]?.chunkId).toBe(flag.chunkId);
      expect((await index.search({ ownerId, text: 'what does max-time do', limit: 10 }))[0]?.chunkId).toBe(
        flag.chunkId,
      );
      expect((await index.search({ ownerId, text: 'XML_ParserCreate', limit: 10 }))[0]?.chunkId).toBe(call.chunkId);
    });

    it("searches only the owner's entries, and only the given documents when asked", async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      const [d1, d2, d3] = [uniqueId('doc'), uniqueId('doc'), uniqueId('doc')];
      const entries = [d1, d2, d3].map((documentId) =>
        makeLexicalEntry({ ownerId, documentId, text: 'shared river stone' }),
      );
      const foreign = makeLexicalEntry({ documentId: d1, text: 'shared river stone' });
      await index.add([...entries, foreign]);
      const hits = await index.search({ ownerId, text: 'river stone', limit: 10 });
      expect(chunkIds(hits).sort()).toEqual(chunkIds(entries).sort());
      const scoped = await index.search({ ownerId, text: 'river', documentIds: [d1, d3], limit: 10 });
      expect(scoped.map((hit) => hit.documentId).sort()).toEqual([d1, d3].sort());
      expect(await index.search({ ownerId: uniqueId('owner'), text: 'river', limit: 10 })).toEqual([]);
    });

    it('returns at most limit hits, best first', async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      await index.add(
        Array.from({ length: 6 }, (_, i) => makeLexicalEntry({ ownerId, text: `lamp ${'violin '.repeat(i)}end` })),
      );
      const hits = await index.search({ ownerId, text: 'violin lamp', limit: 3 });
      expect(hits).toHaveLength(3);
      expectDescendingScores(hits);
    });

    it("deleteDocument removes every entry of that owner's document and nothing else", async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      const gone = uniqueId('doc');
      const kept = makeLexicalEntry({ ownerId, text: 'lamp oil' });
      await index.add([
        makeLexicalEntry({ ownerId, documentId: gone, text: 'lamp wick' }),
        makeLexicalEntry({ ownerId, documentId: gone, text: 'lamp glass' }),
        kept,
      ]);
      await index.deleteDocument(uniqueId('owner'), gone);
      expect(await index.search({ ownerId, text: 'lamp', limit: 10 })).toHaveLength(3);
      await index.deleteDocument(ownerId, gone);
      expect(chunkIds(await index.search({ ownerId, text: 'lamp', limit: 10 }))).toEqual([kept.chunkId]);
      await index.deleteDocument(ownerId, gone);
    });

    it('adding a chunk id again replaces its entry', async () => {
      const { index } = fixture();
      const entry = makeLexicalEntry({ text: 'alpha version of the paragraph' });
      await index.add([entry]);
      await index.add([{ ...entry, text: 'beta version of the paragraph' }]);
      const { ownerId } = entry;
      expect(await index.search({ ownerId, text: 'alpha', limit: 10 })).toEqual([]);
      expect(chunkIds(await index.search({ ownerId, text: 'beta paragraph', limit: 10 }))).toEqual([entry.chunkId]);
    });

    it("termStatistics counts the owner's chunks and, per analysed term, the chunks holding it", async () => {
      const { index } = fixture();
      const ownerId = uniqueId('owner');
      await index.add([
        makeLexicalEntry({ ownerId, text: 'the river runs past the stone' }),
        makeLexicalEntry({ ownerId, text: 'rivers and lamps', heading: 'Stone bridges' }),
        makeLexicalEntry({ ownerId, text: 'a lamp and --max-time' }),
        makeLexicalEntry({ text: 'river river river' }),
      ]);
      const [river, stone, lamp, flag, absent] = analyzeText('river stone lamp --max-time violin').filter(
        (term) => term !== 'max' && term !== 'time',
      );
      const stats = await index.termStatistics(ownerId, [river, stone, lamp, flag, absent] as string[]);
      expect(stats.chunkCount).toBe(3);
      expect(Object.fromEntries(stats.chunkFrequencies)).toEqual({
        [river as string]: 2,
        [stone as string]: 2,
        [lamp as string]: 2,
        [flag as string]: 1,
        [absent as string]: 0,
      });
      expect(await index.termStatistics(uniqueId('owner'), [river as string])).toEqual({
        chunkCount: 0,
        chunkFrequencies: new Map([[river, 0]]),
      });
    });

    it('an empty query after analysis returns no hits', async () => {
      const { index } = fixture();
      const entry = makeLexicalEntry({ text: 'the and of a paragraph with words' });
      await index.add([entry]);
      for (const text of ['', '   ', 'the and of', '?! …']) {
        expect(await index.search({ ownerId: entry.ownerId, text, limit: 10 })).toEqual([]);
      }
    });

    it('property: hits are exactly the owner’s entries sharing a term with the query, best first', async () => {
      const { index } = fixture();
      const entryArb = fc.record({
        owner: fc.integer({ min: 0, max: 2 }),
        words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArb, { maxLength: 12 }),
          fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }),
          async (specs, queryWords) => {
            const owners = [uniqueId('owner'), uniqueId('owner'), uniqueId('owner')] as const;
            const entries = specs.map((spec) =>
              makeLexicalEntry({ ownerId: owners[spec.owner], text: spec.words.join(' ') }),
            );
            await index.add(entries);
            const queryTerms = new Set(analyzeText(queryWords.join(' ')));
            for (const ownerId of owners) {
              const hits = await index.search({ ownerId, text: queryWords.join(' '), limit: 100 });
              const expected = entries.filter(
                (entry) =>
                  entry.ownerId === ownerId &&
                  analyzeText(`${entry.text} ${entry.documentName}`).some((term) => queryTerms.has(term)),
              );
              expect(chunkIds(hits).sort()).toEqual(chunkIds(expected).sort());
              expectDescendingScores(hits);
              for (const hit of hits) {
                expect(hit.documentId).toBe(entries.find((entry) => entry.chunkId === hit.chunkId)?.documentId);
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });
};
