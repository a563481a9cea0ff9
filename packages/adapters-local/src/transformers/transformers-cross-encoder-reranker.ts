import type { Reranker } from '@docent/domain';
import { AutoModelForSequenceClassification, AutoTokenizer, type Tensor } from '@huggingface/transformers';
import { inferenceFailed, loadLocalModel } from './load-local-model.ts';
import { checkModelFolder } from './model-folder.ts';

/** Options of `TransformersCrossEncoderReranker`. */
export interface TransformersCrossEncoderRerankerOptions {
  /** Local folder with config.json, tokenizer.json and onnx/model*.onnx (nothing is downloaded). */
  modelDir: string;
  /** Query-passage pairs per forward pass (default 16). */
  batchSize?: number;
  /** Token limit of a pair; longer pairs are truncated (default 512). */
  maxLength?: number;
  /** Overrides the model id (default `cross-encoder:<folder name>`). */
  modelId?: string;
}

interface CrossEncoder {
  tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  model: Awaited<ReturnType<typeof AutoModelForSequenceClassification.from_pretrained>>;
}

/**
 * Reads logits as relevance: the single logit of a regression head (ms-marco style), or the
 * softmax probability of the positive (last) class of a two-label head.
 */
export const logitsToScores = (logits: Tensor): number[] => {
  const [rows = 0, labels = 1] = logits.dims;
  const data = logits.data as Float32Array;
  return Array.from({ length: rows }, (_, row) => {
    if (labels === 1) return data[row] ?? 0;
    const values = Array.from(data.subarray(row * labels, (row + 1) * labels));
    const max = Math.max(...values);
    const exps = values.map((v) => Math.exp(v - max));
    return (exps[labels - 1] ?? 0) / exps.reduce((sum, v) => sum + v, 0);
  });
};

/**
 * A cross-encoder (e.g. ms-marco-MiniLM, bge-reranker) run locally with transformers.js: query and
 * passage are tokenised together as one pair, scored in batches. The model loads lazily on first
 * use and is shared by every caller; the folder is checked at construction (`validation_failed`).
 * Inference failures are `unavailable`.
 */
export class TransformersCrossEncoderReranker implements Reranker {
  readonly modelId: string;
  readonly #dir: string;
  readonly #batchSize: number;
  readonly #maxLength: number;

  constructor(options: TransformersCrossEncoderRerankerOptions) {
    const { dir } = checkModelFolder(options.modelDir, 'reranker');
    this.#dir = dir;
    this.#batchSize = Math.max(1, options.batchSize ?? 16);
    this.#maxLength = options.maxLength ?? 512;
    this.modelId = options.modelId ?? `cross-encoder:${dir.split(/[\\/]/).pop() ?? dir}`;
  }

  /** One score per passage in input order; higher is more relevant. */
  async rerank(query: string, passages: readonly string[], options: { signal?: AbortSignal } = {}): Promise<number[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (passages.length === 0) return [];
    const encoder = await this.#load();
    const scores: number[] = [];
    try {
      for (let start = 0; start < passages.length; start += this.#batchSize) {
        signal?.throwIfAborted();
        const batch = passages.slice(start, start + this.#batchSize);
        const inputs = encoder.tokenizer(
          batch.map(() => query),
          { text_pair: [...batch], padding: true, truncation: true, max_length: this.#maxLength },
        );
        const { logits } = (await encoder.model(inputs)) as { logits: Tensor };
        scores.push(...logitsToScores(logits));
      }
    } catch (error) {
      throw inferenceFailed('unavailable', `reranking with ${this.modelId}`, error, signal);
    }
    return scores;
  }

  #load(): Promise<CrossEncoder> {
    return loadLocalModel(this.#dir, 'cross-encoder', async (name, options) => ({
      tokenizer: await AutoTokenizer.from_pretrained(name, { local_files_only: true }),
      model: await AutoModelForSequenceClassification.from_pretrained(name, options),
    }));
  }
}
