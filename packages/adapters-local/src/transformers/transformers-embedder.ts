import type { Embedder } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { type FeatureExtractionPipeline, pipeline } from '@huggingface/transformers';
import { inferenceFailed, loadLocalModel } from './load-local-model.ts';
import { checkModelFolder } from './model-folder.ts';

/** Options of `TransformersEmbedder`. */
export interface TransformersEmbedderOptions {
  /** Local sentence-transformers ONNX folder (config.json, tokenizer.json, onnx/model*.onnx). */
  modelDir: string;
  /** Prepended to queries, e.g. `query: ` for e5 or the bge instruction (default none). */
  queryPrefix?: string;
  /** Prepended to passages, e.g. `passage: ` for e5 (default none). */
  passagePrefix?: string;
  /** Texts per forward pass (default 16). */
  batchSize?: number;
  /** Overrides the model id (default `onnx:<folder name>`). */
  modelId?: string;
}

/**
 * Embedder over a local sentence-transformers model run with transformers.js: mean pooling over
 * the attention mask, L2-normalised. `dimensions` is config.json `hidden_size`; the folder is
 * checked at construction (`validation_failed`), the model loads lazily once and is shared.
 * Inference failures are `embedding_failed`.
 */
export class TransformersEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;
  readonly #dir: string;
  readonly #queryPrefix: string;
  readonly #passagePrefix: string;
  readonly #batchSize: number;

  constructor(options: TransformersEmbedderOptions) {
    const { dir, config } = checkModelFolder(options.modelDir, 'embedder');
    const hidden = config.hidden_size ?? config.d_model ?? config.dim;
    if (typeof hidden !== 'number' || !Number.isInteger(hidden) || hidden <= 0) {
      throw new DocentError('validation_failed', `embedder model folder ${dir}: config.json has no hidden_size`);
    }
    this.#dir = dir;
    this.dimensions = hidden;
    this.#queryPrefix = options.queryPrefix ?? '';
    this.#passagePrefix = options.passagePrefix ?? '';
    this.#batchSize = Math.max(1, options.batchSize ?? 16);
    // Prefixes change the vectors, so they are part of the stored model identity.
    const prefixes = this.#queryPrefix || this.#passagePrefix ? `|q=${this.#queryPrefix}|p=${this.#passagePrefix}` : '';
    this.modelId = options.modelId ?? `onnx:${dir.split(/[\\/]/).pop() ?? dir}${prefixes}`;
  }

  /** One unit vector per text, in input order. */
  async embed(
    texts: readonly string[],
    options: { purpose?: 'query' | 'passage'; signal?: AbortSignal } = {},
  ): Promise<Float32Array[]> {
    const { signal } = options;
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    // The Embedder port reports every failure as embedding_failed, a model that will not load too.
    const extract = await this.#load().catch((error: DocentError) => {
      throw new DocentError('embedding_failed', error.message);
    });
    const prefix = options.purpose === 'query' ? this.#queryPrefix : this.#passagePrefix;
    const vectors: Float32Array[] = [];
    try {
      for (let start = 0; start < texts.length; start += this.#batchSize) {
        signal?.throwIfAborted();
        const batch = texts.slice(start, start + this.#batchSize).map((text) => prefix + text);
        const output = await extract(batch, { pooling: 'mean', normalize: true });
        const data = output.data as Float32Array;
        for (let row = 0; row < batch.length; row++) {
          vectors.push(Float32Array.from(data.subarray(row * this.dimensions, (row + 1) * this.dimensions)));
        }
      }
    } catch (error) {
      throw inferenceFailed('embedding_failed', `embedding with ${this.modelId}`, error, signal);
    }
    return vectors;
  }

  #load(): Promise<FeatureExtractionPipeline> {
    return loadLocalModel(
      this.#dir,
      'feature-extraction',
      (name, options) => pipeline('feature-extraction', name, options) as Promise<FeatureExtractionPipeline>,
    );
  }
}
