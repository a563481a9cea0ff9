import { makeDocument, makeDocumentContent, uniqueId } from '@docent/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, type TemporaryStore } from '../../test-support/temporary-store.ts';

describe('SqliteUnitOfWork', () => {
  let temporary: TemporaryStore;
  beforeEach(() => {
    temporary = openTemporaryStore();
  });
  afterEach(() => temporary.cleanup());

  it('a rolled-back unit leaves nothing behind, nested units included', async () => {
    const { UnitOfWork: uow, DocumentRepository: documents } = temporary.store;
    const owner = uniqueId('owner');
    await expect(
      uow.run(async () => {
        await documents.create(makeDocument({ ownerId: owner }));
        await uow.run(() => documents.create(makeDocument({ ownerId: owner })));
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await documents.count(owner)).toBe(0);
  });

  it('nested units join the outer one: their writes commit or roll back with it', async () => {
    const { UnitOfWork: uow, DocumentRepository: documents } = temporary.store;
    const owner = uniqueId('owner');
    await uow.run(async () => {
      await uow.run(() => documents.create(makeDocument({ ownerId: owner })));
      await expect(uow.run(() => Promise.reject(new Error('inner')))).rejects.toThrow('inner');
      await documents.create(makeDocument({ ownerId: owner }));
    });
    expect(await documents.count(owner)).toBe(2);
  });

  it('callers outside an open unit wait for it: they neither see its writes nor lose theirs to its rollback', async () => {
    const { UnitOfWork: uow, DocumentRepository: documents } = temporary.store;
    const owner = uniqueId('owner');
    const inside = makeDocument({ ownerId: owner });
    const outside = makeDocument({ ownerId: owner });
    let release = (): void => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let wrote = (): void => {};
    const written = new Promise<void>((resolve) => (wrote = resolve));
    const unit = uow.run(async () => {
      await documents.create(inside);
      wrote();
      await gate;
      throw new Error('abort');
    });
    await written;
    const countSeenOutside = documents.count(owner);
    const writeFromOutside = documents.create(outside);
    release();
    await expect(unit).rejects.toThrow('abort');
    expect(await countSeenOutside).toBe(0);
    await writeFromOutside;
    expect((await documents.list(owner, { limit: 5 })).items).toEqual([outside]);
  });

  it('concurrent units run one after another, each atomically', async () => {
    const { UnitOfWork: uow, DocumentRepository: documents } = temporary.store;
    const owner = uniqueId('owner');
    const units = Array.from({ length: 6 }, (_, i) =>
      uow.run(async () => {
        await documents.create(makeDocument({ ownerId: owner }));
        await new Promise((resolve) => setTimeout(resolve, 1));
        await documents.create(makeDocument({ ownerId: owner }));
        if (i % 2 === 1) throw new Error(`abort ${i}`);
      }),
    );
    const outcomes = await Promise.allSettled(units);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toHaveLength(3);
    expect(await documents.count(owner)).toBe(6);
  });

  it('a failing write inside a unit undoes only its own statements, so the unit may recover', async () => {
    const { UnitOfWork: uow, DocumentRepository: documents, ChunkRepository: chunks } = temporary.store;
    const document = makeDocument();
    const owner = document.ownerId;
    const content = makeDocumentContent({ ownerId: owner, documentId: document.id, paragraphs: ['One.', 'Two.'] });
    const [first] = content.chunks;
    if (first === undefined) throw new Error('no chunk');
    await uow.run(async () => {
      await documents.create(document);
      await chunks.replaceForDocument(owner, document.id, content.text, content.chunks);
      const clashing = makeDocumentContent({ ownerId: owner, documentId: uniqueId('doc'), paragraphs: ['Three.'] });
      const stolenId = clashing.chunks.map((chunk) => ({ ...chunk, id: first.id }));
      const other = clashing.chunks[0]?.documentId ?? '';
      await expect(chunks.replaceForDocument(owner, other, clashing.text, stolenId)).rejects.toMatchObject({
        code: 'conflict',
      });
      expect(await chunks.getText(owner, other)).toBeNull();
    });
    expect(await documents.get(owner, document.id)).toEqual(document);
    expect(await chunks.listForDocument(owner, document.id)).toEqual(content.chunks);
  });
});
