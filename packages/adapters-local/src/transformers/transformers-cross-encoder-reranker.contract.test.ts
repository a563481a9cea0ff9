import { describeRerankerContract } from '@docent/testing';
import { makeTinyModelDir } from '../../test-support/tiny-model-dirs.ts';
import { TransformersCrossEncoderReranker } from './transformers-cross-encoder-reranker.ts';

describeRerankerContract('TransformersCrossEncoderReranker (synthetic ONNX model)', async () => {
  const { dir, cleanup } = await makeTinyModelDir('cross-encoder');
  return { reranker: new TransformersCrossEncoderReranker({ modelDir: dir, batchSize: 2 }), cleanup };
});
