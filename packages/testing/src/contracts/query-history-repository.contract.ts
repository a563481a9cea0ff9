import type { HistoryEntry, QueryHistoryRepository } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCitation, makeHistoryEntry } from '../builders/history.ts';
import { isoAt, uniqueId } from '../builders/unique-id.ts';
import { collectPages } from '../support/collect-pages.ts';
import { newestFirst } from '../support/newest-first.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What a QueryHistoryRepository adapter's test gives the contract: an empty repository. */
export interface QueryHistoryRepositoryFixture extends Fixture {
  repo: QueryHistoryRepository;
}

const ids = (entries: readonly HistoryEntry[]): string[] => entries.map((entry) => entry.id);
const byAsked = (entries: readonly HistoryEntry[]): HistoryEntry[] =>
  newestFirst(
    entries,
    (entry) => entry.askedAt,
    (entry) => entry.id,
  );

/** Registers the tests every QueryHistoryRepository must pass. `setup` must return an empty repository. */
export const describeQueryHistoryRepositoryContract = (
  adapterName: string,
  setup: () => Promise<QueryHistoryRepositoryFixture>,
): void => {
  describe(`QueryHistoryRepository contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('round-trips an entry with citations and document scope', async () => {
      const { repo } = fixture();
      const documentId = uniqueId('doc');
      // A citation without a page (non-paged formats) must come back without one.
      const { page: _page, ...pageless } = makeCitation(documentId, { charStart: 40, charEnd: 44, quote: 'time' });
      const entry = makeHistoryEntry({
        question: 'Which flag limits the transfer time — `--max-time`?',
        answer: 'Use --max-time <seconds>.',
        citations: [makeCitation(documentId), pageless],
        documentIds: [documentId],
      });
      await repo.add(entry);
      const page = await repo.list(entry.ownerId, { limit: 5 });
      expect(page.items).toEqual([entry]);
      expect(page.nextCursor).toBeNull();
    });

    it('lists newest first, ties broken by id descending, and only the owner’s entries', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const prefix = uniqueId('hist');
      const entries = [
        makeHistoryEntry({ ownerId: owner, id: `${prefix}-b`, askedAt: isoAt(10) }),
        makeHistoryEntry({ ownerId: owner, id: `${prefix}-a`, askedAt: isoAt(20) }),
        makeHistoryEntry({ ownerId: owner, id: `${prefix}-c`, askedAt: isoAt(10) }),
        makeHistoryEntry({ ownerId: owner, id: `${prefix}-d`, askedAt: isoAt(5) }),
      ];
      for (const entry of entries) await repo.add(entry);
      await repo.add(makeHistoryEntry({ askedAt: isoAt(15) }));
      const page = await repo.list(owner, { limit: 10 });
      expect(ids(page.items)).toEqual([`${prefix}-a`, `${prefix}-c`, `${prefix}-b`, `${prefix}-d`]);
    });

    it('property: paging visits every entry exactly once, in order, for any size and page limit', async () => {
      const { repo } = fixture();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 20 }),
          fc.integer({ min: 1, max: 6 }),
          async (askedSeconds, limit) => {
            const owner = uniqueId('owner');
            const entries = askedSeconds.map((seconds) =>
              makeHistoryEntry({ ownerId: owner, askedAt: isoAt(seconds) }),
            );
            for (const entry of entries) await repo.add(entry);
            await repo.add(makeHistoryEntry({ askedAt: isoAt(2) }));
            const all = await collectPages((request) => repo.list(owner, request), limit);
            expect(ids(all)).toEqual(ids(byAsked(entries)));
          },
        ),
        { numRuns: 25 },
      );
    });

    it('redactDocument removes the answer and citations of entries citing the document', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const deleted = uniqueId('doc');
      const kept = uniqueId('doc');
      const citing = makeHistoryEntry({ ownerId: owner, askedAt: isoAt(1), citations: [makeCitation(deleted)] });
      const citingBoth = makeHistoryEntry({
        ownerId: owner,
        askedAt: isoAt(2),
        citations: [makeCitation(kept), makeCitation(deleted)],
        documentIds: [kept, deleted],
      });
      const unrelated = makeHistoryEntry({ ownerId: owner, askedAt: isoAt(3), citations: [makeCitation(kept)] });
      for (const entry of [citing, citingBoth, unrelated]) await repo.add(entry);

      expect(await repo.redactDocument(owner, deleted)).toBe(2);
      const listed = (await repo.list(owner, { limit: 10 })).items;
      expect(listed.find((entry) => entry.id === unrelated.id)).toEqual(unrelated);
      for (const original of [citing, citingBoth]) {
        const redacted = listed.find((entry) => entry.id === original.id);
        expect(redacted).toMatchObject({
          id: original.id,
          ownerId: owner,
          question: original.question,
          askedAt: original.askedAt,
          answer: '',
          citations: [],
          redacted: true,
        });
      }
      expect(await repo.redactDocument(owner, deleted)).toBe(0);
    });

    it("redactDocument leaves other owners' entries alone", async () => {
      const { repo } = fixture();
      const documentId = uniqueId('doc');
      const theirs = makeHistoryEntry({ citations: [makeCitation(documentId)] });
      await repo.add(theirs);
      expect(await repo.redactDocument(uniqueId('owner'), documentId)).toBe(0);
      expect((await repo.list(theirs.ownerId, { limit: 5 })).items).toEqual([theirs]);
    });
  });
};
