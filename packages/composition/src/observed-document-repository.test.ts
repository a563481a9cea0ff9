import { InMemoryDocumentRepository } from '@docent/adapters-inmemory';
import { makeDocument } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { type DocumentChange, observedDocumentRepository } from './observed-document-repository.ts';

describe('observedDocumentRepository', () => {
  it('reports each update with the updated document, and a deletion with null, and an update of a missing one with null', async () => {
    const changes: DocumentChange[] = [];
    const documents = observedDocumentRepository(new InMemoryDocumentRepository(), (change) => changes.push(change));
    const record = makeDocument({ ownerId: 'alice' });
    await documents.create(record);
    const progress = { stage: 'chunking' as const, done: 0, total: 1 };
    const updated = await documents.update('alice', record.id, { status: 'processing', progress });
    await documents.delete('alice', record.id);
    await documents.update('alice', record.id, { status: 'ready' });
    await documents.delete('alice', record.id);

    expect(updated).toMatchObject({ status: 'processing', progress });
    expect(changes).toEqual([
      { ownerId: 'alice', documentId: record.id, document: updated },
      { ownerId: 'alice', documentId: record.id, document: null },
      { ownerId: 'alice', documentId: record.id, document: null },
    ]);
  });
});
