import { describe, expect, it } from 'vitest';
import { createWorld } from '../../test-support/in-memory-world.ts';

describe('DeleteDocument', () => {
  it('removes the blob, text, chunks, lexical and vector entries and metadata, and redacts history', async () => {
    const world = createWorld();
    const alice = await world.user();
    const keep = await world.uploadText(alice, 'keep.txt', 'Tmux waits 500 milliseconds after an escape key.');
    const doc = await world.uploadText(alice, 'xz.txt', 'The default compression preset of xz is level six.');
    await world.drainJobs();
    const asked = await world.ask.execute(alice, { question: 'What is the default compression preset of xz?' });
    expect(asked.citations.map((c) => c.documentId)).toEqual([doc.id]);

    await world.delete.execute(alice, { documentId: doc.id });

    expect(await world.ports.documents.get(alice.userId, doc.id)).toBeNull();
    expect(await world.ports.blobs.get(doc.blobKey)).toBeNull();
    expect(await world.ports.chunks.getText(alice.userId, doc.id)).toBeNull();
    expect(await world.ports.chunks.listForDocument(alice.userId, doc.id)).toEqual([]);
    const scope = { ownerId: alice.userId, limit: 50 };
    expect(await world.ports.lexical.search({ text: 'compression preset xz', ...scope })).toEqual([]);
    const [vector] = await world.ports.embedder.embed(['compression preset']);
    const nearest = await world.ports.vectors.search({ vector: vector ?? new Float32Array(), ...scope });
    expect(nearest.map((hit) => hit.documentId)).toEqual([keep.id]);
    const [entry] = (await world.ports.history.list(alice.userId, { limit: 10 })).items;
    expect(entry).toMatchObject({
      question: 'What is the default compression preset of xz?',
      redacted: true,
      citations: [],
    });
    const again = await world.ask.execute(alice, { question: 'What is the default compression preset of xz?' });
    expect(again.sources.every((s) => s.documentId === keep.id)).toBe(true);
  });

  it('answers document_not_found for unknown and foreign documents, and leaves them alone', async () => {
    const world = createWorld();
    const [alice, bob] = [await world.user(), await world.user()];
    const doc = await world.uploadText(alice, 'a.txt', 'Alpha.');
    await expect(world.delete.execute(bob, { documentId: doc.id })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    await expect(world.delete.execute(alice, { documentId: 'nope' })).rejects.toMatchObject({
      code: 'document_not_found',
    });
    expect(await world.ports.documents.get(alice.userId, doc.id)).not.toBeNull();
    expect(await world.ports.blobs.get(doc.blobKey)).not.toBeNull();
  });
});
