import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HashingEmbedder } from '@docent/adapters-inmemory';
import { type Embedder, ORDER_SPAN } from '@docent/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { composeLocal, type LocalComposition } from './container.ts';
import { principalOf, userFor } from './local-user.ts';

let dataDir: string | undefined;
let composition: LocalComposition | undefined;
afterEach(async () => {
  await composition?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  dataDir = undefined;
  composition = undefined;
});

describe('the local composition embeds passages', () => {
  it('one span of the embedder order a call, so the embedder batches a whole span at once', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'docent-embed-calls-'));
    const inner = new HashingEmbedder();
    const passageCalls: number[] = [];
    const ordered: number[] = [];
    const embedder: Embedder = {
      modelId: inner.modelId,
      dimensions: inner.dimensions,
      // An embedder with an order of its own (as USE Lite), here the texts' own order.
      passageOrder: async (texts) => {
        ordered.push(texts.length);
        return texts.map((_, i) => i);
      },
      embed: (texts, options) => {
        if (options?.purpose !== 'query') passageCalls.push(texts.length);
        return inner.embed(texts, options);
      },
    };
    // No ask worker threads: nothing is asked, and threads alive at exit can abort the test process.
    composition = composeLocal(loadConfig({ DOCENT_EMBEDDER: 'hashing', DOCENT_ASK_WORKERS: '0' }, dataDir), {
      embedder,
    });
    const { useCases } = composition;
    const principal = principalOf(await userFor(useCases, 'calls@example.com', { create: true }));
    // ~2,400 distinct sentences: several hundred 300-character windows, more than two spans.
    const text = Array.from(
      { length: 2400 },
      (_, i) => `Sentence ${i} describes setting number ${i * 7} of the archiver.`,
    ).join(' ');
    await useCases.uploadDocument.execute(principal, { name: 'settings.txt', bytes: new TextEncoder().encode(text) });
    while (await useCases.jobRunner.runNext()) {}

    const total = passageCalls.reduce((sum, count) => sum + count, 0);
    expect(total).toBeGreaterThan(2 * ORDER_SPAN);
    const spans = Math.ceil(total / ORDER_SPAN);
    expect(ordered).toEqual([...Array(spans - 1).fill(ORDER_SPAN), total - (spans - 1) * ORDER_SPAN]);
    expect(passageCalls).toEqual(ordered);
  });
});
