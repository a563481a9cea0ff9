import { expectDocentError, makeDocument, makeDocumentContent, makeHistoryEntry, unitVector } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openTemporaryStore, TEST_DIMENSIONS, type TemporaryStore } from '../../test-support/temporary-store.ts';
import { openAskConnection } from './open-ask-connection.ts';

describe('openAskConnection', () => {
  let temporary: TemporaryStore | undefined;
  afterEach(async () => {
    await temporary?.cleanup();
    temporary = undefined;
  });

  it('reads what the server connection wrote and writes history the server reads, beside its lock', async () => {
    temporary = openTemporaryStore();
    const { store, dataDir } = temporary;
    const document = makeDocument();
    const owner = document.ownerId;
    const content = makeDocumentContent({ ownerId: owner, documentId: document.id, paragraphs: ['Lanterns glow.'] });
    const chunkId = content.chunks[0]?.id ?? '';
    await store.DocumentRepository.create(document);
    await store.ChunkRepository.replaceForDocument(owner, document.id, content.text, content.chunks);
    await store.LexicalIndex.add([
      { chunkId, documentId: document.id, ownerId: owner, text: 'Lanterns glow.', documentName: 'a.txt' },
    ]);
    const vector = unitVector(TEST_DIMENSIONS, 3);
    await store.VectorIndex.upsert([{ chunkId, documentId: document.id, ownerId: owner, vector }]);

    const connection = openAskConnection({ dataDir, dimensions: TEST_DIMENSIONS });
    expect(await connection.DocumentRepository.get(owner, document.id)).toEqual(document);
    expect(await connection.ChunkRepository.getMany(owner, [chunkId])).toEqual(content.chunks.slice(0, 1));
    expect((await connection.LexicalIndex.search({ ownerId: owner, text: 'lantern', limit: 5 }))[0]?.chunkId).toBe(
      chunkId,
    );
    expect((await connection.VectorIndex.search({ ownerId: owner, vector, limit: 5 }))[0]?.chunkId).toBe(chunkId);
    const entry = makeHistoryEntry({ ownerId: owner });
    await connection.QueryHistoryRepository.add(entry);
    expect((await store.QueryHistoryRepository.list(owner, { limit: 5 })).items.map((e) => e.id)).toEqual([entry.id]);
    connection.close();
    connection.close();
  });

  it('refuses a vector width other than the store’s', async () => {
    temporary = openTemporaryStore();
    await expectDocentError(
      () => openAskConnection({ dataDir: temporary?.dataDir ?? '', dimensions: TEST_DIMENSIONS + 1 }),
      'conflict',
    );
  });
});
