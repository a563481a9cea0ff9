import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expectDocentError } from '@docent/testing';
import { Tensor } from '@huggingface/transformers';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTinyModelDir, type TinyModelDir } from '../../test-support/tiny-model-dirs.ts';
import { logitsToScores, TransformersCrossEncoderReranker } from './transformers-cross-encoder-reranker.ts';

describe('TransformersCrossEncoderReranker', () => {
  let model: TinyModelDir | undefined;
  afterEach(async () => {
    await model?.cleanup();
    model = undefined;
  });

  it('reads query and passage as a pair and ranks the passage holding the signal word first', async () => {
    model = await makeTinyModelDir('cross-encoder');
    const reranker = new TransformersCrossEncoderReranker({ modelDir: model.dir, batchSize: 2 });
    // The synthetic head counts "relevant" in the passage segment only (token_type_ids = 1):
    // the word in the query adds nothing, each other passage word costs 0.1.
    const scores = await reranker.rerank('relevant relevant question', [
      'the cat sat',
      'the relevant cat sat',
      'relevant relevant',
      'the dog ran in the park',
    ]);
    expect(scores.map((s) => Math.round(s * 10) / 10)).toEqual([-0.3, 0.7, 2, -0.6]);
    expect(reranker.modelId).toBe('cross-encoder:cross-encoder');
  });

  it('shares one loaded model between concurrent callers and instances', async () => {
    model = await makeTinyModelDir('cross-encoder');
    const first = new TransformersCrossEncoderReranker({ modelDir: model.dir });
    const second = new TransformersCrossEncoderReranker({ modelDir: model.dir, modelId: 'tiny' });
    const results = await Promise.all([
      first.rerank('q', ['relevant']),
      second.rerank('q', ['relevant', 'cat']),
      first.rerank('q', ['cat']),
    ]);
    expect(results.map((r) => r.map((s) => Math.round(s * 10) / 10))).toEqual([[1], [1, -0.1], [-0.1]]);
    expect(second.modelId).toBe('tiny');
  });

  it('fails at construction with validation_failed when the folder is missing', async () => {
    const error = await expectDocentError(
      () => new TransformersCrossEncoderReranker({ modelDir: '/nonexistent/reranker' }),
      'validation_failed',
    );
    expect(error.message).toContain('/nonexistent/reranker');
  });

  it('reports a model that cannot be loaded as unavailable', async () => {
    model = await makeTinyModelDir('cross-encoder');
    await writeFile(path.join(model.dir, 'onnx', 'model.onnx'), 'not a protobuf');
    const reranker = new TransformersCrossEncoderReranker({ modelDir: model.dir });
    await expectDocentError(reranker.rerank('q', ['relevant']), 'unavailable');
  });

  it('stops when the signal fires after the call started', async () => {
    model = await makeTinyModelDir('cross-encoder');
    const reranker = new TransformersCrossEncoderReranker({ modelDir: model.dir, batchSize: 1 });
    const controller = new AbortController();
    const passages = Array.from({ length: 50 }, () => 'the relevant cat');
    const pending = reranker.rerank('q', passages, { signal: controller.signal });
    queueMicrotask(() => controller.abort(new Error('stop')));
    await expect(pending).rejects.toThrow('stop');
  });
});

describe('logitsToScores', () => {
  it('takes a single logit as is', () => {
    expect(logitsToScores(new Tensor('float32', Float32Array.from([2.5, -1]), [2, 1]))).toEqual([2.5, -1]);
  });

  it('takes the softmax probability of the positive class of a two-label head', () => {
    const [even = 0, positive = 0] = logitsToScores(new Tensor('float32', Float32Array.from([0, 0, -1, 3]), [2, 2]));
    expect(even).toBeCloseTo(0.5, 6);
    expect(positive).toBeCloseTo(Math.exp(3) / (Math.exp(3) + Math.exp(-1)), 6);
  });
});
