import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cosine, expectDocentError, vectorNorm } from '@docent/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { TINY_HIDDEN_SIZE } from '../../test-support/tiny-bert-folder.ts';
import { makeTinyModelDir, type TinyModelDir } from '../../test-support/tiny-model-dirs.ts';
import { TransformersEmbedder } from './transformers-embedder.ts';

describe('TransformersEmbedder', () => {
  let model: TinyModelDir | undefined;
  afterEach(async () => {
    await model?.cleanup();
    model = undefined;
  });

  it('reads its width from config.json and returns unit vectors of that width', async () => {
    model = await makeTinyModelDir('encoder');
    const embedder = new TransformersEmbedder({ modelDir: model.dir });
    expect(embedder.dimensions).toBe(TINY_HIDDEN_SIZE);
    const vectors = await embedder.embed(['the cat sat on the mat', 'revenue grew']);
    for (const vector of vectors) {
      expect(vector).toHaveLength(TINY_HIDDEN_SIZE);
      expect(vectorNorm(vector)).toBeCloseTo(1, 5);
    }
  });

  it('places texts that share words closer than texts that do not', async () => {
    model = await makeTinyModelDir('encoder');
    const embedder = new TransformersEmbedder({ modelDir: model.dir });
    const [cat, catAgain, revenue] = await embedder.embed([
      'the cat sat on the mat',
      'a cat sat on a mat near the door',
      'quarterly revenue grew by twelve percent',
    ]);
    if (!cat || !catAgain || !revenue) throw new Error('missing vectors');
    expect(cosine(cat, catAgain)).toBeGreaterThan(cosine(cat, revenue) + 0.1);
  });

  it('prefixes queries and passages differently and records the prefixes in the model id', async () => {
    model = await makeTinyModelDir('encoder');
    const plain = new TransformersEmbedder({ modelDir: model.dir });
    const prefixed = new TransformersEmbedder({ modelDir: model.dir, queryPrefix: 'what is ', passagePrefix: '' });
    const [asQuery] = await prefixed.embed(['curl time limit'], { purpose: 'query' });
    const [asPassage] = await prefixed.embed(['curl time limit'], { purpose: 'passage' });
    const [withPrefixText] = await plain.embed(['what is curl time limit']);
    const [plainPassage] = await plain.embed(['curl time limit']);
    if (!asQuery || !asPassage || !withPrefixText || !plainPassage) throw new Error('missing vectors');
    expect(cosine(asQuery, withPrefixText)).toBeGreaterThan(1 - 1e-5);
    expect(cosine(asPassage, plainPassage)).toBeGreaterThan(1 - 1e-5);
    expect(cosine(asQuery, asPassage)).toBeLessThan(0.999);
    expect(prefixed.modelId).not.toBe(plain.modelId);
  });

  it('fails at construction with validation_failed when the folder is missing', async () => {
    await expectDocentError(() => new TransformersEmbedder({ modelDir: '/nonexistent/embedder' }), 'validation_failed');
  });

  it('reports a model that cannot be loaded as embedding_failed', async () => {
    model = await makeTinyModelDir('encoder');
    await writeFile(path.join(model.dir, 'onnx', 'model.onnx'), 'not a protobuf');
    await expectDocentError(new TransformersEmbedder({ modelDir: model.dir }).embed(['cat']), 'embedding_failed');
  });

  it('rejects an already aborted call with the signal reason', async () => {
    model = await makeTinyModelDir('encoder');
    const embedder = new TransformersEmbedder({ modelDir: model.dir });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(embedder.embed(['the cat'], { signal: controller.signal })).rejects.toThrow('gone');
  });
});
