import { TermOverlapReranker } from '@docent/adapters-inmemory';
import { beforeAll, describe, expect, it } from 'vitest';
import { createWorld, type World } from '../../test-support/in-memory-world.ts';
import { ingestQaDocuments } from '../../test-support/qa-dev-documents.ts';
import type { Principal } from '../entities/user.ts';
import type { Reranker } from '../ports/reranker.ts';
import { AskQuestion } from './ask-question.ts';

const QUESTION = 'What compression preset does xz use by default?';

/** Records what the use case asks of a real reranker. */
class RecordingReranker implements Reranker {
  readonly modelId: string;
  readonly calls: Array<{ query: string; passages: readonly string[] }> = [];
  readonly #inner: Reranker;
  constructor(inner: Reranker) {
    this.#inner = inner;
    this.modelId = inner.modelId;
  }
  rerank(query: string, passages: readonly string[], options?: { signal?: AbortSignal }): Promise<number[]> {
    this.calls.push({ query, passages });
    return this.#inner.rerank(query, passages, options);
  }
}

/** Scores 1 for passages holding `marker`, else 0: a model with one firm opinion. */
const favouring = (marker: string): Reranker => ({
  modelId: `favours:${marker}`,
  rerank: async (_query, passages) => passages.map((p) => (p.includes(marker) ? 1 : 0)),
});

describe('AskQuestion with a reranker', () => {
  let world: World;
  let alice: Principal;

  beforeAll(async () => {
    world = createWorld();
    alice = await world.user();
    await ingestQaDocuments(world, alice);
  });

  it('hands the reranker the question and at most rerankDepth passages, and still answers', async () => {
    const reranker = new RecordingReranker(new TermOverlapReranker());
    const ask = new AskQuestion({ ...world.ports, reranker }, { rerankDepth: 12 });
    const answer = await ask.execute(alice, { question: QUESTION });
    expect(reranker.calls).toHaveLength(1);
    expect(reranker.calls[0]?.query).toBe(QUESTION);
    expect(reranker.calls[0]?.passages.length).toBe(12);
    const span = 'Select a compression preset level. The default is -6.';
    expect(answer.sources.slice(0, 3).some((s) => s.text.includes(span))).toBe(true);
    expect(answer.abstained).toBe(false);
  });

  it("lets the model's opinion lift a head candidate to first, leaving the tail below the head", async () => {
    const plain = await world.ask.execute(alice, { question: QUESTION, topK: 20 });
    const lifted = plain.sources[4];
    if (!lifted) throw new Error('fewer than five sources');
    const marker = lifted.text.slice(0, 60);
    const ask = new AskQuestion({ ...world.ports, reranker: favouring(marker) }, { rerankDepth: 10 });
    const reranked = await ask.execute(alice, { question: QUESTION, topK: 20 });
    expect(reranked.sources[0]?.text.startsWith(marker)).toBe(true);
    const headIds = new Set(plain.sources.slice(0, 10).map((s) => s.chunkId));
    expect(new Set(reranked.sources.slice(0, 10).map((s) => s.chunkId))).toEqual(headIds);
  });

  it('keeps the order of the plain pipeline when the model has no opinion', async () => {
    const plain = await world.ask.execute(alice, { question: QUESTION });
    const ask = new AskQuestion({ ...world.ports, reranker: favouring('\u0000never') });
    const same = await ask.execute(alice, { question: QUESTION });
    expect(same.sources.map((s) => s.chunkId)).toEqual(plain.sources.map((s) => s.chunkId));
  });
});
