import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { describe, expect, it } from 'vitest';
import { laggingLexicalIndex, laggingVectorIndex } from '../../test-support/lagging-indexes.ts';
import { PlainTextExtractor } from '../../test-support/plain-text-extractor.ts';
import { ExtractiveAnswerer } from '../answering/extractive-answerer.ts';
import { createUseCases } from '../application/create-use-cases.ts';
import type { Principal } from '../entities/user.ts';

const XZ = 'The default compression preset of xz is level six. Level nine compresses best but slowly.';
const GZIP = 'The default compression level of gzip is six as well; xz users often compare the two.';

/**
 * The use cases over in-memory adapters whose indexes show deletions only after `refresh()`, as
 * OpenSearch Serverless does: what search and ask see between a delete or a rerun and the refresh.
 */
const setUp = async () => {
  const adapters = createInMemoryAdapters({ dimensions: 64 });
  const lexical = laggingLexicalIndex(adapters.LexicalIndex);
  const vectors = laggingVectorIndex(adapters.VectorIndex);
  const useCases = createUseCases({
    ...adapters,
    LexicalIndex: lexical.index,
    VectorIndex: vectors.index,
    TextExtractor: new PlainTextExtractor(),
    Answerer: new ExtractiveAnswerer(),
  });
  const user = await adapters.IdentityProvider.register('alice@example.org', 'Passw0rd!');
  const alice: Principal = { userId: user.id, email: user.email };
  const upload = async (name: string, text: string) =>
    (await useCases.uploadDocument.execute(alice, { name, bytes: new TextEncoder().encode(text) })).document;
  const drain = async () => {
    while (await useCases.jobRunner.runNext()) {}
  };
  const refresh = async () => {
    await lexical.refresh();
    await vectors.refresh();
  };
  return { adapters, useCases, alice, upload, drain, refresh, lexical: lexical.index };
};

describe('search and ask while the indexes lag behind deletions', () => {
  it('never return a deleted document, though its entries are still in the indexes until the refresh', async () => {
    const { useCases, alice, upload, drain, refresh, lexical } = await setUp();
    const xz = await upload('xz.txt', XZ);
    await upload('gzip.txt', GZIP);
    await drain();
    const query = 'What is the default compression preset of xz?';
    const before = await useCases.searchDocuments.execute(alice, { query });
    expect(before.map((source) => source.documentId)).toContain(xz.id);
    await useCases.deleteDocument.execute(alice, { documentId: xz.id });

    const stale = await lexical.search({ text: 'default compression preset xz', ownerId: alice.userId, limit: 10 });
    expect(stale.map((hit) => hit.documentId)).toContain(xz.id);
    const found = await useCases.searchDocuments.execute(alice, { query });
    expect(found.map((source) => source.documentId)).not.toContain(xz.id);
    const answer = await useCases.askQuestion.execute(alice, { question: query });
    expect(answer.sources.map((source) => source.documentId)).not.toContain(xz.id);
    expect(answer.citations.map((citation) => citation.documentId)).not.toContain(xz.id);

    await refresh();
    const after = await lexical.search({ text: 'default compression preset xz', ownerId: alice.userId, limit: 10 });
    expect(after.map((hit) => hit.documentId)).not.toContain(xz.id);
  });

  it('show each passage of a document processed twice once, from its current chunks only', async () => {
    const { adapters, useCases, alice, upload, drain, lexical } = await setUp();
    const xz = await upload('xz.txt', XZ);
    await drain();
    const first = await adapters.ChunkRepository.listForDocument(alice.userId, xz.id);
    await useCases.processDocument.run({ ownerId: alice.userId, documentId: xz.id });
    const second = await adapters.ChunkRepository.listForDocument(alice.userId, xz.id);

    // The same chunk set (new ids), none added: the rerun replaced the first run's chunks.
    expect(second.map((chunk) => chunk.text)).toEqual(first.map((chunk) => chunk.text));
    expect(second.map((chunk) => chunk.id)).not.toEqual(first.map((chunk) => chunk.id));
    // The first run's entries are still searchable in the lagging index...
    const raw = await lexical.search({ text: 'compression preset xz', ownerId: alice.userId, limit: 10 });
    expect(raw.length).toBe(first.length + second.length);
    // ...but search and ask return the current chunks only, each once.
    const current = new Set(second.map((chunk) => chunk.id));
    const found = await useCases.searchDocuments.execute(alice, { query: 'default compression preset of xz' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((source) => current.has(source.chunkId))).toBe(true);
    expect(new Set(found.map((source) => source.chunkId)).size).toBe(found.length);
    expect((await adapters.DocumentRepository.get(alice.userId, xz.id))?.chunkCount).toBe(second.length);
  });
});
