import { createInMemoryAdapters } from '@docent/adapters-inmemory';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../ports/embedder.ts';
import type { LexicalIndex } from '../ports/lexical-index.ts';
import type { VectorIndex } from '../ports/vector-index.ts';
import { type CandidatePorts, searchCandidates } from './candidate-search.ts';
import { questionTerms } from './term-rarity.ts';

const OWNER = 'owner-1';
const TEXTS = [
  'The default compression preset of xz is level six.',
  'tmux waits 500 milliseconds for an escape sequence by default.',
  'gzip compresses at level six unless told otherwise.',
];
const QUESTION = 'What compression level does xz use by default?';

/**
 * In-memory indexes holding TEXTS, wrapped so that every call is logged when it starts, and the
 * embedding resolves only when the test says so (as a model on another thread would).
 */
const recordingPorts = async () => {
  const adapters = createInMemoryAdapters({ dimensions: 64 });
  const embedder: Embedder = adapters.Embedder;
  const vectors = await embedder.embed(TEXTS, { purpose: 'passage' });
  await adapters.LexicalIndex.add(
    TEXTS.map((text, i) => ({ chunkId: `c${i}`, documentId: 'd1', ownerId: OWNER, text, documentName: 'notes.txt' })),
  );
  await adapters.VectorIndex.upsert(
    TEXTS.map((_, i) => ({ chunkId: `c${i}`, documentId: 'd1', ownerId: OWNER, vector: vectors[i] as Float32Array })),
  );
  const calls: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const lexical: LexicalIndex = Object.assign(Object.create(adapters.LexicalIndex), {
    search: (query: Parameters<LexicalIndex['search']>[0]) => {
      calls.push('lexical.search');
      return adapters.LexicalIndex.search(query);
    },
    termStatistics: (ownerId: string, terms: readonly string[]) => {
      calls.push('lexical.termStatistics');
      return adapters.LexicalIndex.termStatistics(ownerId, terms);
    },
  });
  const recordingVectors: VectorIndex = Object.assign(Object.create(adapters.VectorIndex), {
    search: (query: Parameters<VectorIndex['search']>[0]) => {
      calls.push('vectors.search');
      return adapters.VectorIndex.search(query);
    },
  });
  const slowEmbedder: Embedder = {
    modelId: embedder.modelId,
    dimensions: embedder.dimensions,
    embed: async (texts, options) => {
      calls.push('embed');
      await released;
      return embedder.embed(texts, options);
    },
  };
  const ports: CandidatePorts = { lexical, vectors: recordingVectors, embedder: slowEmbedder };
  return { ports, calls, release, plain: { lexical: adapters.LexicalIndex, vectors: adapters.VectorIndex, embedder } };
};

describe('searchCandidates', () => {
  const question = { text: QUESTION, terms: questionTerms(QUESTION) };
  const scope = { ownerId: OWNER, limit: 10 };
  let setUp: Awaited<ReturnType<typeof recordingPorts>>;

  beforeAll(async () => {
    setUp = await recordingPorts();
  });

  it('requests the embedding before BM25 starts, and runs BM25 while the vector is computed', async () => {
    const { ports, calls, release } = await recordingPorts();
    const found = searchCandidates(ports, question, scope, { dense: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['embed', 'lexical.search', 'lexical.termStatistics']);
    release();
    await found;
    expect(calls).toEqual(['embed', 'lexical.search', 'lexical.termStatistics', 'vectors.search']);
  });

  it('with lexicalAfterEmbedding, asks for the dense search before BM25 starts', async () => {
    const { ports, calls, release } = await recordingPorts();
    const found = searchCandidates(ports, question, scope, { dense: true, lexicalAfterEmbedding: true });
    // Nothing but the embedding while it is being computed: a synchronous BM25 would hold the thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toEqual(['embed']);
    release();
    await found;
    expect(calls).toEqual(['embed', 'vectors.search', 'lexical.search', 'lexical.termStatistics']);
  });

  it('finds what the indexes find when each is asked on its own', async () => {
    setUp.release();
    const { lexical, dense, statistics } = await searchCandidates(setUp.ports, question, scope, {
      dense: true,
      lexicalAfterEmbedding: true,
    });
    const same = await searchCandidates(setUp.ports, question, scope, { dense: true });
    expect(same).toEqual({ lexical, dense, statistics });
    const [vector] = await setUp.plain.embedder.embed([QUESTION], { purpose: 'query' });
    expect(lexical).toEqual(await setUp.plain.lexical.search({ text: QUESTION, ...scope }));
    expect(dense).toEqual(await setUp.plain.vectors.search({ vector: vector as Float32Array, ...scope }));
    expect(statistics).toEqual(await setUp.plain.lexical.termStatistics(OWNER, question.terms));
    expect(lexical[0]?.chunkId).toBe('c0');
    expect(dense.length).toBe(TEXTS.length);
  });

  it('embeds nothing and searches BM25 alone when the dense ranker is off', async () => {
    const { ports, calls } = await recordingPorts();
    const { lexical, dense } = await searchCandidates(ports, question, scope, { dense: false });
    expect(calls).toEqual(['lexical.search', 'lexical.termStatistics']);
    expect(dense).toEqual([]);
    expect(lexical.length).toBeGreaterThan(0);
  });

  it('fails with the embedding, without searching, when BM25 waits for it', async () => {
    const { ports, calls } = await recordingPorts();
    const controller = new AbortController();
    controller.abort(new Error('client left'));
    const failing: CandidatePorts = {
      ...ports,
      embedder: { ...ports.embedder, embed: async () => Promise.reject(controller.signal.reason) },
    };
    const options = { dense: true, lexicalAfterEmbedding: true, signal: controller.signal };
    await expect(searchCandidates(failing, question, scope, options)).rejects.toThrow('client left');
    expect(calls).toEqual([]);
  });
});
