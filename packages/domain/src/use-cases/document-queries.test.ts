import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';
import { GetDocument } from './get-document.ts';
import { GetDocumentText } from './get-document-text.ts';
import { ListDocuments } from './list-documents.ts';

// The read-only document use cases: ListDocuments, GetDocument and GetDocumentText.
const setUp = async () => {
  const world = createWorld();
  const [alice, bob] = [await world.user(), await world.user()];
  return {
    world,
    alice,
    bob,
    list: new ListDocuments(world.ports),
    get: new GetDocument(world.ports),
    getText: new GetDocumentText(world.ports),
  };
};

describe('ListDocuments', () => {
  it('pages through the caller’s documents newest first with an opaque cursor', async () => {
    const { world, alice, bob, list } = await setUp();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      world.clock.advance(1000);
      ids.push((await world.uploadText(alice, `f${i}.txt`, `text ${i}`)).id);
    }
    await world.uploadText(bob, 'bob.txt', 'bob');
    const first = await list.execute(alice, { limit: 2 });
    expect(first.items.map((d) => d.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).not.toBeNull();
    const rest = await list.execute(alice, { limit: 10, cursor: first.nextCursor ?? undefined });
    expect(rest).toEqual({ items: expect.any(Array), nextCursor: null });
    expect(rest.items.map((d) => d.id)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('defaults the limit to 20, caps it at 100 and rejects a limit below 1', async () => {
    const { world, alice, list } = await setUp();
    for (let i = 0; i < 21; i++) await world.uploadText(alice, `f${i}.txt`, `text ${i}`);
    expect((await list.execute(alice, {})).items).toHaveLength(20);
    expect((await list.execute(alice, { limit: 1000 })).items).toHaveLength(21);
    await expect(list.execute(alice, { limit: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(list.execute(alice, { limit: 2.5 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

describe('GetDocument', () => {
  it('returns the caller’s document and hides others’ behind document_not_found', async () => {
    const { world, alice, bob, get } = await setUp();
    const doc = await world.uploadText(alice, 'a.txt', 'Alpha.');
    expect(await get.execute(alice, { documentId: doc.id })).toEqual(doc);
    await expect(get.execute(bob, { documentId: doc.id })).rejects.toMatchObject({ code: 'document_not_found' });
    await expect(get.execute(alice, { documentId: 'nope' })).rejects.toMatchObject({ code: 'document_not_found' });
  });
});

describe('GetDocumentText', () => {
  it('is document_not_ready until processing finished, then returns the normalised text', async () => {
    const { world, alice, bob, getText } = await setUp();
    const doc = await world.uploadText(alice, 'a.txt', 'NAME\n\n   alpha   beta\n\nGamma.');
    await expect(getText.execute(alice, { documentId: doc.id })).rejects.toMatchObject({ code: 'document_not_ready' });
    await world.drainJobs();
    const text = await getText.execute(alice, { documentId: doc.id });
    expect(text.text).toBe('NAME\nalpha beta\nGamma.');
    expect(text.headings).toEqual([{ level: 1, text: 'NAME', charStart: 0, charEnd: 4 }]);
    await expect(getText.execute(bob, { documentId: doc.id })).rejects.toMatchObject({ code: 'document_not_found' });
  });
});
