import type { HistoryEntry, QueryHistoryRepository } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeCitation, makeHistoryEntry, makeUsage } from '../builders/history.ts';
import { isoAt, uniqueId } from '../builders/unique-id.ts';
import { collectPages } from '../support/collect-pages.ts';
import { expectDocentError } from '../support/expect-docent-error.ts';
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

    it('round-trips conversation, standalone question and usage; entries without them come back without the keys', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const { costUsd: _cost, ...unpriced } = makeUsage({ model: 'ollama:llama3.2', inputTokens: 7, outputTokens: 0 });
      const entries = [
        makeHistoryEntry({
          ownerId: owner,
          askedAt: isoAt(1),
          conversationId: uniqueId('conv'),
          standaloneQuestion: 'Which flag of curl limits the transfer time?',
          usage: makeUsage(),
        }),
        makeHistoryEntry({ ownerId: owner, askedAt: isoAt(2), usage: unpriced }),
        makeHistoryEntry({ ownerId: owner, askedAt: isoAt(3), conversationId: uniqueId('conv') }),
        makeHistoryEntry({ ownerId: owner, askedAt: isoAt(4) }),
      ];
      for (const entry of entries) await repo.add(entry);
      // Strict: a missing field must come back missing, not as an `undefined` or `null` key.
      expect((await repo.list(owner, { limit: 10 })).items).toStrictEqual(byAsked(entries));
    });

    it('property: any combination of the optional fields round-trips exactly', async () => {
      const { repo } = fixture();
      const optional = fc.record(
        {
          conversationId: fc.string({ minLength: 1, maxLength: 12 }),
          standaloneQuestion: fc.string({ maxLength: 40 }),
          documentIds: fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 3 }),
          redacted: fc.constant(true),
          usage: fc
            .record(
              {
                model: fc.string({ minLength: 1, maxLength: 20 }),
                inputTokens: fc.nat({ max: 200_000 }),
                outputTokens: fc.nat({ max: 8_000 }),
                costUsd: fc.double({ min: 0, max: 10, noNaN: true }),
              },
              { requiredKeys: ['model', 'inputTokens', 'outputTokens'] },
            )
            // fast-check's records have no prototype; stored entries come back as plain objects.
            .map((usage) => ({ ...usage })),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(optional, async (fields) => {
          const entry = makeHistoryEntry({ ...fields, askedAt: isoAt(5) });
          await repo.add(entry);
          expect((await repo.list(entry.ownerId, { limit: 2 })).items).toStrictEqual([entry]);
        }),
        { numRuns: 30 },
      );
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

    it('conversation returns the last entries of that conversation only, oldest first', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const conversationId = uniqueId('conv');
      const prefix = uniqueId('hist');
      const turn = (suffix: string, seconds: number): HistoryEntry =>
        makeHistoryEntry({ ownerId: owner, id: `${prefix}-${suffix}`, conversationId, askedAt: isoAt(seconds) });
      // Added out of order, with a tie at 20 s that the id breaks (ascending, the reverse of `list`).
      for (const entry of [turn('d', 30), turn('a', 10), turn('c', 20), turn('b', 20)]) await repo.add(entry);
      await repo.add(makeHistoryEntry({ ownerId: owner, conversationId: uniqueId('conv'), askedAt: isoAt(25) }));
      await repo.add(makeHistoryEntry({ ownerId: owner, askedAt: isoAt(26) }));
      await repo.add(makeHistoryEntry({ conversationId, askedAt: isoAt(27) }));

      expect(ids(await repo.conversation(owner, conversationId, 10))).toEqual(
        ['a', 'b', 'c', 'd'].map((suffix) => `${prefix}-${suffix}`),
      );
      expect(ids(await repo.conversation(owner, conversationId, 2))).toEqual([`${prefix}-c`, `${prefix}-d`]);
      expect(await repo.conversation(owner, conversationId, 1)).toStrictEqual([turn('d', 30)]);
    });

    it("conversation is [] for an unknown id and for another owner's conversation", async () => {
      const { repo } = fixture();
      const theirs = makeHistoryEntry({ conversationId: uniqueId('conv') });
      await repo.add(theirs);
      expect(await repo.conversation(theirs.ownerId, uniqueId('conv'), 5)).toEqual([]);
      expect(await repo.conversation(uniqueId('owner'), theirs.conversationId ?? '', 5)).toEqual([]);
      expect(await repo.conversation(theirs.ownerId, theirs.conversationId ?? '', 5)).toEqual([theirs]);
    });

    it('conversation rejects a limit that is not a positive integer', async () => {
      const { repo } = fixture();
      for (const limit of [0, -1, 1.5]) {
        await expectDocentError(repo.conversation(uniqueId('owner'), uniqueId('conv'), limit), 'validation_failed');
      }
    });

    it('usageTotals sums questions, tokens and known costs over the owner’s entries only', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      expect(await repo.usageTotals(owner)).toEqual({ questions: 0, inputTokens: 0, outputTokens: 0, costUsd: 0 });

      const { costUsd: _cost, ...unpriced } = makeUsage({ inputTokens: 1000, outputTokens: 100 });
      for (const entry of [
        makeHistoryEntry({ ownerId: owner, usage: makeUsage({ inputTokens: 1200, outputTokens: 150, costUsd: 0.25 }) }),
        makeHistoryEntry({ ownerId: owner, usage: makeUsage({ inputTokens: 800, outputTokens: 50, costUsd: 0.125 }) }),
        makeHistoryEntry({ ownerId: owner, usage: unpriced }),
        // The extractive answerer spends no tokens: the question counts, nothing else.
        makeHistoryEntry({ ownerId: owner }),
        makeHistoryEntry({ usage: makeUsage({ inputTokens: 5, outputTokens: 5, costUsd: 9 }) }),
      ]) {
        await repo.add(entry);
      }
      const totals = await repo.usageTotals(owner);
      expect(totals).toEqual({ questions: 4, inputTokens: 3000, outputTokens: 300, costUsd: expect.any(Number) });
      expect(totals.costUsd).toBeCloseTo(0.375, 12);
    });

    it('redaction keeps the entry in its conversation and its spend in the totals', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const documentId = uniqueId('doc');
      const usage = makeUsage({ inputTokens: 900, outputTokens: 90, costUsd: 0.5 });
      const entry = makeHistoryEntry({
        ownerId: owner,
        conversationId: uniqueId('conv'),
        standaloneQuestion: 'What does the deleted guide say about retries?',
        usage,
        citations: [makeCitation(documentId)],
      });
      await repo.add(entry);
      expect(await repo.redactDocument(owner, documentId)).toBe(1);
      const redacted = { ...entry, answer: '', citations: [], redacted: true };
      expect(await repo.conversation(owner, entry.conversationId ?? '', 5)).toStrictEqual([redacted]);
      expect(await repo.usageTotals(owner)).toEqual({ questions: 1, inputTokens: 900, outputTokens: 90, costUsd: 0.5 });
    });
  });
};
