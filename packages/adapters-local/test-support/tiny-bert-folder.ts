import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { encodeOnnxModel, ONNX_FLOAT, ONNX_INT64 } from './onnx-proto.ts';

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

/**
 * Lower-cased words of the synthetic vocabulary by topic (anything else becomes [UNK]); the
 * encoder gives words of one topic nearby embeddings, like a trained model would.
 */
const TOPICS: readonly (readonly string[])[] = [
  ['cat', 'sat', 'on', 'mat', 'dog', 'ran', 'in', 'park', 'door', 'near', 'was', 'sitting'],
  ['revenue', 'grew', 'by', 'twelve', 'percent', 'quarterly'],
  ['curl', 'time', 'limit', 'how', 'long', 'may', 'run'],
  ['relevant', 'the', 'a', 'what', 'is'],
];

// Every word of the synthetic vocabulary.
const TINY_WORDS: readonly string[] = TOPICS.flat();

const vocabulary = (): Record<string, number> =>
  Object.fromEntries([...SPECIALS, ...TINY_WORDS].map((token, id) => [token, id]));

/** A BERT-style WordLevel tokenizer.json with [CLS] a [SEP] b [SEP] pairs and token types. */
const tokenizerJson = () => {
  const vocab = vocabulary();
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [vocab['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [vocab['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: null,
    model: { type: 'WordLevel', vocab, unk_token: '[UNK]' },
  };
};

const tokenizerConfig = {
  tokenizer_class: 'BertTokenizer',
  model_max_length: 512,
  do_lower_case: true,
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  cls_token: '[CLS]',
  sep_token: '[SEP]',
};

const TEXT_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => ({
  name,
  type: ONNX_INT64,
  dims: ['batch', 'sequence'],
}));

/**
 * Cross-encoder graph: logits[b] = number of "relevant" tokens in the passage segment
 * (token_type_ids = 1) minus 0.1 per other passage word, so a passage holding the word scores
 * highest and, among equals, the shorter one wins.
 */
const crossEncoderModel = (): Uint8Array => {
  const table = Object.keys(vocabulary()).map((token) =>
    token === 'relevant' ? 1 : SPECIALS.includes(token) ? 0 : -0.1,
  );
  return encodeOnnxModel({
    opset: 11,
    nodes: [
      { op: 'Gather', inputs: ['token_weight', 'input_ids'], outputs: ['weights'], attributes: { axis: 0 } },
      { op: 'Cast', inputs: ['token_type_ids'], outputs: ['segment'], attributes: { to: ONNX_FLOAT } },
      { op: 'Mul', inputs: ['weights', 'segment'], outputs: ['passage_weights'] },
      { op: 'ReduceSum', inputs: ['passage_weights'], outputs: ['logits'], attributes: { axes: [1], keepdims: 1 } },
    ],
    inputs: TEXT_INPUTS,
    outputs: [{ name: 'logits', type: ONNX_FLOAT, dims: ['batch', 1] }],
    initializers: [{ name: 'token_weight', dims: [table.length], values: table }],
  });
};

/** Deterministic pseudo-random weights in [-1, 1) (an LCG), so the embedding table is fixed. */
const fixedWeights = (count: number, seed: number): number[] => {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
};

/**
 * Encoder graph: last_hidden_state = embedding[input_ids]. A word's embedding is its topic's axis
 * (of the first `TOPICS.length` dims) plus fixed pseudo-random noise of 0.3 on the others (special
 * tokens have the noise only), so mean pooling makes texts that share words or topics close.
 */
const encoderModel = (hiddenSize: number): Uint8Array => {
  const noise = fixedWeights((SPECIALS.length + TINY_WORDS.length) * hiddenSize, 7);
  const table = [...SPECIALS.map(() => -1), ...TOPICS.flatMap((words, topic) => words.map(() => topic))].flatMap(
    (topic, token) =>
      Array.from({ length: hiddenSize }, (_, d) => {
        if (d < TOPICS.length) return d === topic ? 1 : 0;
        return 0.3 * (noise[token * hiddenSize + d] ?? 0);
      }),
  );
  const size = SPECIALS.length + TINY_WORDS.length;
  return encodeOnnxModel({
    opset: 11,
    nodes: [
      { op: 'Gather', inputs: ['embedding', 'input_ids'], outputs: ['last_hidden_state'], attributes: { axis: 0 } },
    ],
    inputs: TEXT_INPUTS,
    outputs: [{ name: 'last_hidden_state', type: ONNX_FLOAT, dims: ['batch', 'sequence', hiddenSize] }],
    initializers: [{ name: 'embedding', dims: [size, hiddenSize], values: table }],
  });
};

/** Which synthetic model to write. */
export type TinyBertKind = 'cross-encoder' | 'encoder';

/** Hidden width of the synthetic encoder. */
export const TINY_HIDDEN_SIZE = 8;

/**
 * Writes a loadable BERT-shaped model folder (config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx) under `dir` and returns `dir`.
 */
export const writeTinyBertFolder = async (dir: string, kind: TinyBertKind): Promise<string> => {
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  const config = {
    model_type: 'bert',
    architectures: [kind === 'cross-encoder' ? 'BertForSequenceClassification' : 'BertModel'],
    hidden_size: TINY_HIDDEN_SIZE,
    num_labels: 1,
    id2label: { 0: 'LABEL_0' },
    label2id: { LABEL_0: 0 },
    vocab_size: SPECIALS.length + TINY_WORDS.length,
    max_position_embeddings: 512,
  };
  await writeFile(path.join(dir, 'config.json'), JSON.stringify(config));
  await writeFile(path.join(dir, 'tokenizer.json'), JSON.stringify(tokenizerJson()));
  await writeFile(path.join(dir, 'tokenizer_config.json'), JSON.stringify(tokenizerConfig));
  const model = kind === 'cross-encoder' ? crossEncoderModel() : encoderModel(TINY_HIDDEN_SIZE);
  await writeFile(path.join(dir, 'onnx', 'model.onnx'), model);
  return dir;
};
