import type { ChunkRepository, DocumentRepository, QueryHistoryRepository, UnitOfWork } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { makeDocumentContent } from '../builders/chunks.ts';
import { makeDocument } from '../builders/documents.ts';
import { makeCitation, makeHistoryEntry } from '../builders/history.ts';
import { uniqueId } from '../builders/unique-id.ts';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** A unit of work and the repositories whose writes it makes atomic, all empty. */
export interface UnitOfWorkFixture extends Fixture {
  unitOfWork: UnitOfWork;
  documents: DocumentRepository;
  chunks: ChunkRepository;
  history: QueryHistoryRepository;
}

/** Registers the tests every transactional UnitOfWork must pass. */
export const describeUnitOfWorkContract = (adapterName: string, setup: () => Promise<UnitOfWorkFixture>): void => {
  describe(`UnitOfWork contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    const seed = async ({ documents, chunks, history }: UnitOfWorkFixture) => {
      const document = makeDocument();
      const owner = document.ownerId;
      const content = makeDocumentContent({ ownerId: owner, documentId: document.id, paragraphs: ['One.', 'Two.'] });
      const entry = makeHistoryEntry({ ownerId: owner, citations: [makeCitation(document.id)] });
      await documents.create(document);
      await chunks.replaceForDocument(owner, document.id, content.text, content.chunks);
      await history.add(entry);
      return { owner, document, content, entry };
    };

    it("returns the work's result and keeps its writes", async () => {
      const current = fixture();
      const { unitOfWork, documents, chunks, history } = current;
      const result = await unitOfWork.run(async () => {
        const seeded = await seed(current);
        return { seeded, answer: 42 };
      });
      expect(result.answer).toBe(42);
      const { owner, document, content, entry } = result.seeded;
      expect(await documents.get(owner, document.id)).toEqual(document);
      expect(await chunks.listForDocument(owner, document.id)).toEqual(content.chunks);
      expect((await history.list(owner, { limit: 5 })).items).toEqual([entry]);
    });

    it('rolls back every write of work that throws, and rethrows its error', async () => {
      const current = fixture();
      const { unitOfWork, documents, chunks, history } = current;
      const { owner, document, content, entry } = await seed(current);
      const added = makeDocument({ ownerId: owner });
      const failure = new Error('embedding went away');
      const outcome = unitOfWork.run(async () => {
        await documents.create(added);
        await documents.update(owner, document.id, { status: 'failed', error: { code: 'x', message: 'y' } });
        const replacement = makeDocumentContent({ ownerId: owner, documentId: document.id, paragraphs: ['Other.'] });
        await chunks.replaceForDocument(owner, document.id, replacement.text, replacement.chunks);
        await history.redactDocument(owner, document.id);
        await history.add(makeHistoryEntry({ ownerId: owner }));
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await documents.get(owner, added.id)).toBeNull();
      expect(await documents.get(owner, document.id)).toEqual(document);
      expect(await documents.count(owner)).toBe(1);
      expect(await chunks.getText(owner, document.id)).toEqual(content.text);
      expect(await chunks.listForDocument(owner, document.id)).toEqual(content.chunks);
      expect((await history.list(owner, { limit: 5 })).items).toEqual([entry]);
    });

    it('rolls back deletions too', async () => {
      const current = fixture();
      const { unitOfWork, documents, chunks } = current;
      const { owner, document, content } = await seed(current);
      await expect(
        unitOfWork.run(async () => {
          await documents.delete(owner, document.id);
          await chunks.deleteForDocument(owner, document.id);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await documents.get(owner, document.id)).toEqual(document);
      expect(await chunks.listForDocument(owner, document.id)).toEqual(content.chunks);
    });

    it('works normally after a rolled-back unit', async () => {
      const { unitOfWork, documents } = fixture();
      const owner = uniqueId('owner');
      await expect(
        unitOfWork.run(async () => {
          await documents.create(makeDocument({ ownerId: owner }));
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      const kept = makeDocument({ ownerId: owner });
      await unitOfWork.run(() => documents.create(kept));
      expect((await documents.list(owner, { limit: 5 })).items).toEqual([kept]);
    });
  });
};
