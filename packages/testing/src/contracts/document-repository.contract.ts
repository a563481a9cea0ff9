import type { DocumentRecord, DocumentRepository } from '@docent/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeDocument } from '../builders/documents.ts';
import { ManualClock } from '../builders/manual-clock.ts';
import { isoAt, uniqueId } from '../builders/unique-id.ts';
import { collectPages } from '../support/collect-pages.ts';
import { expectDocentError } from '../support/expect-docent-error.ts';
import { newestFirst } from '../support/newest-first.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';
import { describeStaleDocumentsContract } from './stale-documents.contract.ts';

/** What a DocumentRepository adapter's test gives the contract: an empty repository. */
export interface DocumentRepositoryFixture extends Fixture {
  repo: DocumentRepository;
}

const ids = (documents: readonly DocumentRecord[]): string[] => documents.map((document) => document.id);
const byUpload = (documents: readonly DocumentRecord[]): DocumentRecord[] =>
  newestFirst(
    documents,
    (document) => document.uploadedAt,
    (document) => document.id,
  );

/**
 * Registers the tests every DocumentRepository must pass. `setup` receives the clock the repository
 * must date its changes by (for `listStale`) and must return an empty repository.
 */
export const describeDocumentRepositoryContract = (
  adapterName: string,
  setup: (clock: ManualClock) => Promise<DocumentRepositoryFixture>,
): void => {
  describe(`DocumentRepository contract: ${adapterName}`, () => {
    const clock = new ManualClock();
    const fixture = useFixture(() => {
      clock.set('2024-01-01T00:00:00.000Z');
      return setup(clock);
    });
    describeStaleDocumentsContract(() => ({ repo: fixture().repo, clock }));

    it('returns a created document to its owner unchanged', async () => {
      const { repo } = fixture();
      const document = makeDocument({
        name: 'Résumé 2024 – final.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      });
      await repo.create(document);
      expect(await repo.get(document.ownerId, document.id)).toEqual(document);
      expect(await repo.findBySha256(document.ownerId, document.sha256)).toEqual(document);
      expect(await repo.get(document.ownerId, uniqueId('missing'))).toBeNull();
    });

    it("never shows, changes or counts another owner's document", async () => {
      const { repo } = fixture();
      const mine = makeDocument();
      const theirs = makeDocument();
      await repo.create(mine);
      await repo.create(theirs);
      const me = mine.ownerId;
      expect(await repo.get(me, theirs.id)).toBeNull();
      expect(await repo.getMany(me, [theirs.id])).toEqual([]);
      expect(await repo.findBySha256(me, theirs.sha256)).toBeNull();
      expect(ids((await repo.list(me, { limit: 10 })).items)).toEqual([mine.id]);
      expect(await repo.update(me, theirs.id, { status: 'failed' })).toBeNull();
      expect(await repo.delete(me, theirs.id)).toBe(false);
      expect(await repo.count(me)).toBe(1);
      expect(await repo.get(theirs.ownerId, theirs.id)).toEqual(theirs);
    });

    it('getMany returns the asked documents and skips unknown and foreign ids', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const [a, b, c] = [
        makeDocument({ ownerId: owner }),
        makeDocument({ ownerId: owner }),
        makeDocument({ ownerId: owner }),
      ];
      const foreign = makeDocument();
      for (const document of [a, b, c, foreign]) await repo.create(document);
      const found = await repo.getMany(owner, [c.id, uniqueId('missing'), foreign.id, a.id]);
      expect(ids(found).sort()).toEqual([a.id, c.id].sort());
      expect(found.find((document) => document.id === a.id)).toEqual(a);
      expect(await repo.getMany(owner, [])).toEqual([]);
    });

    it('create throws conflict when the owner already has a document with the same sha256', async () => {
      const { repo } = fixture();
      const original = makeDocument();
      await repo.create(original);
      const duplicate = makeDocument({ ownerId: original.ownerId, sha256: original.sha256, name: 'copy.pdf' });
      await expectDocentError(repo.create(duplicate), 'conflict');
      expect(await repo.get(original.ownerId, duplicate.id)).toBeNull();
      expect(await repo.findBySha256(original.ownerId, original.sha256)).toEqual(original);
      expect(await repo.count(original.ownerId)).toBe(1);
    });

    it('lets different owners store the same bytes', async () => {
      const { repo } = fixture();
      const first = makeDocument();
      const second = makeDocument({ sha256: first.sha256 });
      await repo.create(first);
      await repo.create(second);
      expect(await repo.findBySha256(first.ownerId, first.sha256)).toEqual(first);
      expect(await repo.findBySha256(second.ownerId, first.sha256)).toEqual(second);
    });

    it('lists newest upload first, ties broken by id descending', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const prefix = uniqueId('doc');
      const documents = [
        makeDocument({ ownerId: owner, id: `${prefix}-b`, uploadedAt: isoAt(10) }),
        makeDocument({ ownerId: owner, id: `${prefix}-a`, uploadedAt: isoAt(20) }),
        makeDocument({ ownerId: owner, id: `${prefix}-c`, uploadedAt: isoAt(10) }),
        makeDocument({ ownerId: owner, id: `${prefix}-d`, uploadedAt: isoAt(5) }),
      ];
      for (const document of documents) await repo.create(document);
      const page = await repo.list(owner, { limit: 10 });
      expect(ids(page.items)).toEqual([`${prefix}-a`, `${prefix}-c`, `${prefix}-b`, `${prefix}-d`]);
      expect(page.nextCursor).toBeNull();
    });

    it('pages through several pages without duplicates or gaps', async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      const documents = Array.from({ length: 7 }, (_, i) => makeDocument({ ownerId: owner, uploadedAt: isoAt(i % 3) }));
      for (const document of documents) await repo.create(document);
      const first = await repo.list(owner, { limit: 3 });
      expect(first.items).toHaveLength(3);
      expect(first.nextCursor).not.toBeNull();
      const all = await collectPages((request) => repo.list(owner, request), 3);
      expect(ids(all)).toEqual(ids(byUpload(documents)));
      expect(all).toEqual(byUpload(documents));
    });

    it('property: paging visits every document exactly once, in order, for any size and page limit', async () => {
      const { repo } = fixture();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 20 }),
          fc.integer({ min: 1, max: 6 }),
          async (uploadSeconds, limit) => {
            const owner = uniqueId('owner');
            const documents = uploadSeconds.map((seconds) =>
              makeDocument({ ownerId: owner, uploadedAt: isoAt(seconds) }),
            );
            for (const document of documents) await repo.create(document);
            const all = await collectPages((request) => repo.list(owner, request), limit);
            expect(ids(all)).toEqual(ids(byUpload(documents)));
          },
        ),
        { numRuns: 25 },
      );
    });

    it("property: owners never see each other's documents", async () => {
      const { repo } = fixture();
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 15 }), async (ownerIndexes) => {
          const owners = [uniqueId('owner'), uniqueId('owner'), uniqueId('owner')] as const;
          const documents = ownerIndexes.map((index) => makeDocument({ ownerId: owners[index] }));
          for (const document of documents) await repo.create(document);
          for (const owner of owners) {
            const own = documents.filter((document) => document.ownerId === owner);
            const foreign = documents.filter((document) => document.ownerId !== owner);
            const listed = await collectPages((request) => repo.list(owner, request), 4);
            expect(ids(listed).sort()).toEqual(ids(own).sort());
            expect(await repo.count(owner)).toBe(own.length);
            expect(await repo.getMany(owner, ids(foreign))).toEqual([]);
            for (const other of foreign) {
              expect(await repo.get(owner, other.id)).toBeNull();
              expect(await repo.findBySha256(owner, other.sha256)).toBeNull();
            }
          }
        }),
        { numRuns: 20 },
      );
    });

    it('update applies a patch, returns the result and leaves other fields alone', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      await repo.create(document);
      const patched = await repo.update(document.ownerId, document.id, {
        status: 'processing',
        progress: { stage: 'embedding', done: 2, total: 5 },
      });
      const expected: DocumentRecord = {
        ...document,
        status: 'processing',
        progress: { stage: 'embedding', done: 2, total: 5 },
      };
      expect(patched).toEqual(expected);
      expect(await repo.get(document.ownerId, document.id)).toEqual(expected);

      const ready = await repo.update(document.ownerId, document.id, {
        status: 'ready',
        progress: { stage: 'done', done: 5, total: 5 },
        readyAt: isoAt(60),
        pageCount: 3,
        chunkCount: 17,
      });
      expect(ready).toEqual({
        ...document,
        status: 'ready',
        progress: { stage: 'done', done: 5, total: 5 },
        readyAt: isoAt(60),
        pageCount: 3,
        chunkCount: 17,
      });
    });

    it('keeps the remaining-time estimate with the progress, and drops it when the next progress has none', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      await repo.create(document);
      const embedding = { stage: 'embedding', done: 40, total: 900, etaSeconds: 125 } as const;
      expect((await repo.update(document.ownerId, document.id, { progress: embedding }))?.progress).toEqual(embedding);
      expect((await repo.get(document.ownerId, document.id))?.progress).toEqual(embedding);
      expect((await repo.list(document.ownerId, { limit: 5 })).items[0]?.progress).toEqual(embedding);
      const indexing = { stage: 'indexing', done: 0, total: 1 } as const;
      await repo.update(document.ownerId, document.id, { progress: indexing });
      expect((await repo.get(document.ownerId, document.id))?.progress).toEqual(indexing);
    });

    it('update with error: null clears a failure; leaving error out or undefined keeps it', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      await repo.create(document);
      const failure = { code: 'encrypted_pdf', message: 'The PDF is encrypted.' };
      const failed = await repo.update(document.ownerId, document.id, { status: 'failed', error: failure });
      expect(failed?.error).toEqual(failure);
      expect((await repo.update(document.ownerId, document.id, { status: 'failed' }))?.error).toEqual(failure);
      expect((await repo.update(document.ownerId, document.id, { error: undefined }))?.error).toEqual(failure);
      const cleared = await repo.update(document.ownerId, document.id, { status: 'processing', error: null });
      expect(cleared?.error).toBeUndefined();
      expect(cleared?.status).toBe('processing');
      expect((await repo.get(document.ownerId, document.id))?.error).toBeUndefined();
    });

    it('update returns null for a missing or foreign document', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      await repo.create(document);
      expect(await repo.update(document.ownerId, uniqueId('missing'), { status: 'ready' })).toBeNull();
      expect(await repo.update(uniqueId('owner'), document.id, { status: 'ready' })).toBeNull();
      expect(await repo.get(document.ownerId, document.id)).toEqual(document);
    });

    it('delete removes the document and says whether anything was removed', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      const other = makeDocument({ ownerId: document.ownerId });
      await repo.create(document);
      await repo.create(other);
      expect(await repo.delete(document.ownerId, document.id)).toBe(true);
      expect(await repo.get(document.ownerId, document.id)).toBeNull();
      expect(await repo.findBySha256(document.ownerId, document.sha256)).toBeNull();
      expect(await repo.delete(document.ownerId, document.id)).toBe(false);
      expect(await repo.update(document.ownerId, document.id, { status: 'ready' })).toBeNull();
      expect(ids((await repo.list(document.ownerId, { limit: 10 })).items)).toEqual([other.id]);
      await repo.create(makeDocument({ ownerId: document.ownerId, sha256: document.sha256 }));
      expect(await repo.count(document.ownerId)).toBe(2);
    });

    it("count counts only the owner's documents", async () => {
      const { repo } = fixture();
      const owner = uniqueId('owner');
      expect(await repo.count(owner)).toBe(0);
      for (let i = 0; i < 3; i++) await repo.create(makeDocument({ ownerId: owner }));
      await repo.create(makeDocument());
      expect(await repo.count(owner)).toBe(3);
    });

    it('hands out copies: changing a returned or created record changes nothing stored', async () => {
      const { repo } = fixture();
      const document = makeDocument();
      const snapshot = structuredClone(document);
      await repo.create(document);
      document.name = 'mutated-after-create.pdf';
      const fetched = await repo.get(snapshot.ownerId, snapshot.id);
      if (fetched === null) throw new Error('document vanished');
      fetched.status = 'failed';
      fetched.progress.done = 99;
      expect(await repo.get(snapshot.ownerId, snapshot.id)).toEqual(snapshot);
    });
  });
};
