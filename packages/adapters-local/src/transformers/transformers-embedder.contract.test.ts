import { describeEmbedderContract } from '@docent/testing';
import { makeTinyModelDir } from '../../test-support/tiny-model-dirs.ts';
import { TransformersEmbedder } from './transformers-embedder.ts';

describeEmbedderContract('TransformersEmbedder (synthetic ONNX model)', async () => {
  const { dir, cleanup } = await makeTinyModelDir('encoder');
  return { embedder: new TransformersEmbedder({ modelDir: dir, batchSize: 3 }), cleanup };
});
