import { HashingEmbedder } from '@docent/adapters-inmemory';
import { type Embedder, isSearchable, JOB_LANES } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { localCompositions } from '../test/support/local-composition.ts';
import { loadConfig } from './config.ts';
import { principalOf, userFor } from './local-user.ts';
import { processingLanes } from './processing-lanes.ts';

const compose = localCompositions('docent-lanes-');

/** The hashing embedder, holding passage batches from `hold()` until `release()`. */
const heldEmbedder = () => {
  const inner = new HashingEmbedder();
  let gate: Promise<void> | undefined;
  let open: () => void = () => {};
  let reached: () => void = () => {};
  const waiting = new Promise<void>((resolve) => (reached = resolve));
  const embedder: Embedder = {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    embed: async (texts, options) => {
      if (options?.purpose === 'passage' && gate !== undefined) {
        reached();
        await gate;
      }
      return inner.embed(texts, options);
    },
  };
  const hold = () => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  return { embedder, hold, waiting, release: () => open() };
};

describe('processing lanes on the SQLite queue', () => {
  it('processes a second upload while the first one embeds; the embedding lane then finishes both', async () => {
    const held = heldEmbedder();
    // No ask worker threads: nothing is asked, and threads alive at exit can abort the test process.
    const { useCases } = await compose(
      { DOCENT_EMBEDDER: 'hashing', DOCENT_ASK_WORKERS: '0' },
      { embedder: held.embedder },
    );
    const principal = principalOf(await userFor(useCases, 'lanes@example.com', { create: true }));
    const upload = async (name: string) =>
      (
        await useCases.uploadDocument.execute(principal, {
          name,
          bytes: new TextEncoder().encode(`${name} explains the zorblat option. `.repeat(40)),
        })
      ).document.id;
    const status = async (id: string) => {
      const document = await useCases.getDocument.execute(principal, { documentId: id });
      return { status: document.status, searchable: isSearchable(document) };
    };
    const runner = useCases.jobRunner;
    const stages = { names: JOB_LANES.stages };
    const embedding = { names: JOB_LANES.embedding };
    const [first, second] = [await upload('first.txt'), await upload('second.txt')];

    expect(await runner.runNext(stages)).toBe(true);
    held.hold();
    const firstEmbedding = runner.runNext(embedding);
    await held.waiting;
    // The first document is embedding (held): the processing lane still takes the second upload.
    expect(await runner.runNext(stages)).toBe(true);
    expect(await status(second)).toEqual({ status: 'processing', searchable: true });
    expect(await runner.runNext(stages)).toBe(false);

    held.release();
    expect(await firstEmbedding).toBe(true);
    expect(await status(first)).toEqual({ status: 'ready', searchable: true });
    expect(await runner.runNext(embedding)).toBe(true);
    expect(await status(second)).toEqual({ status: 'ready', searchable: true });
    expect(await runner.runNext()).toBe(false);
  });

  it('gives each lane the loops its setting names', () => {
    const config = loadConfig({ DOCENT_PROCESSING_CONCURRENCY: '3', DOCENT_EMBEDDING_CONCURRENCY: '1' }, '/srv');
    expect(processingLanes(config)).toEqual([
      { names: ['document.process'], concurrency: 3 },
      { names: ['document.embed'], concurrency: 1 },
    ]);
  });
});
