import { HashingEmbedder } from '@docent/adapters-inmemory';
import { type Embedder, ORDER_SPAN } from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { localCompositions } from '../test/support/local-composition.ts';
import { principalOf, userFor } from './local-user.ts';

const compose = localCompositions('docent-embed-calls-');

/** The hashing embedder, recording its passage calls' sizes; with `ordered`, it orders passages too (as USE Lite). */
const recordingEmbedder = (ordered: boolean) => {
  const inner = new HashingEmbedder();
  const passageCalls: number[] = [];
  const spans: number[] = [];
  const embedder: Embedder = {
    modelId: inner.modelId,
    dimensions: inner.dimensions,
    embed: (texts, options) => {
      if (options?.purpose !== 'query') passageCalls.push(texts.length);
      return inner.embed(texts, options);
    },
    ...(ordered
      ? {
          passageOrder: async (texts: readonly string[]) => {
            spans.push(texts.length);
            return texts.map((_, i) => i);
          },
        }
      : {}),
  };
  return { embedder, passageCalls, spans };
};

/** Composes the local server around `embedder` and runs one document's jobs to the end. */
const ingestOne = async (embedder: Embedder): Promise<void> => {
  // No ask worker threads: nothing is asked, and threads alive at exit can abort the test process.
  const { useCases } = await compose({ DOCENT_EMBEDDER: 'hashing', DOCENT_ASK_WORKERS: '0' }, { embedder });
  const principal = principalOf(await userFor(useCases, 'calls@example.com', { create: true }));
  // ~2,400 distinct sentences: several hundred 300-character windows, more than two spans.
  const text = Array.from(
    { length: 2400 },
    (_, i) => `Sentence ${i} describes setting number ${i * 7} of the archiver.`,
  ).join(' ');
  await useCases.uploadDocument.execute(principal, { name: 'settings.txt', bytes: new TextEncoder().encode(text) });
  while (await useCases.jobRunner.runNext()) {}
};

/** `total` cut into runs of `size`, the last one shorter. */
const runsOf = (total: number, size: number): number[] =>
  Array.from({ length: Math.ceil(total / size) }, (_, i) => Math.min(size, total - i * size));

describe('the local composition embeds passages', () => {
  it('one span of its order a call for an embedder that orders them, so it batches a whole span at once', async () => {
    const { embedder, passageCalls, spans } = recordingEmbedder(true);
    await ingestOne(embedder);
    const total = passageCalls.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(2 * ORDER_SPAN);
    expect(spans).toEqual(runsOf(total, ORDER_SPAN));
    expect(passageCalls).toEqual(spans);
  });

  it('64 texts a call for an embedder without an order, so progress moves as often as before', async () => {
    const { embedder, passageCalls } = recordingEmbedder(false);
    await ingestOne(embedder);
    const total = passageCalls.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(2 * ORDER_SPAN);
    expect(passageCalls).toEqual(runsOf(total, 64));
  });
});
