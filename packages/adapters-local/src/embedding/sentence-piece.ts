/**
 * USE Lite's SentencePiece (unigram) tokenizer, the algorithm of `@energetic-ai/embeddings`'
 * `Tokenizer` (itself TensorFlow.js' universal-sentence-encoder tokenizer, Apache-2.0) with the same
 * results, quirks included, in linear time: the original copies the rest of the text at every
 * position to look up the pieces starting there (`symbols.slice(i)`), which makes a 1,000-character
 * text cost ~4 ms and a 2,000-character one ~15 ms; here the trie is walked from the position.
 * `use-lite-tokenizer.test.ts` checks that both give the same ids.
 */

/** The vocabulary as shipped: [piece, log probability], the id being the index. */
export type Vocabulary = ReadonlyArray<readonly [string, number]>;

// The first ids are control symbols (unknown, <s>, </s>, ...), never matched in text.
const RESERVED_SYMBOLS = 6;
const UNKNOWN = 0;
const SEPARATOR = '\u2581';
const NO_PIECE = -1;

/**
 * The pieces as a trie over code points, in flat arrays: node `n`'s children are `children[n]`
 * (code point -> node), and `pieceId[n]` / `pieceScore[n]` the piece ending there (`NO_PIECE` if none).
 */
interface Trie {
  children: Array<Map<number, number>>;
  pieceId: Int32Array;
  pieceScore: Float64Array;
}

const buildTrie = (vocabulary: Vocabulary): Trie => {
  const children: Array<Map<number, number>> = [new Map()];
  const ids: number[] = [NO_PIECE];
  const scores: number[] = [0];
  for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
    const [piece, score] = vocabulary[id] as readonly [string, number];
    let node = 0;
    for (const symbol of piece) {
      const point = symbol.codePointAt(0) as number;
      let child = children[node]?.get(point);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ids.push(NO_PIECE);
        scores.push(0);
        children[node]?.set(point, child);
      }
      node = child;
    }
    ids[node] = id;
    scores[node] = score;
  }
  return { children, pieceId: Int32Array.from(ids), pieceScore: Float64Array.from(scores) };
};

/** The code points of `text`, as `[...text]` splits it. */
const codePoints = (text: string): Int32Array => {
  const points = new Int32Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i) as number;
    points[n++] = point;
    if (point > 0xffff) i++;
  }
  return points.subarray(0, n);
};

/** Encodes text into USE Lite token ids (unknown symbols as id 0, runs of them merged). */
export class SentencePiece {
  readonly #trie: Trie;
  /** Each piece's length in UTF-16 units, by id. */
  readonly #units: Int32Array;

  constructor(vocabulary: Vocabulary) {
    this.#trie = buildTrie(vocabulary);
    this.#units = Int32Array.from(vocabulary, ([piece]) => piece.length);
  }

  /**
   * The ids of `input`'s most likely segmentation into pieces. One pass from the first symbol: the
   * best score up to a start is final when the pass reaches it, and the pieces ending at a position
   * are offered in order of their start, as the original visits them, so ties resolve the same way.
   */
  encode(input: string): number[] {
    const normalized = input.normalize('NFKC');
    const text = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
    const symbols = codePoints(text);
    const n = symbols.length;
    const { children, pieceId, pieceScore } = this.#trie;
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    // As in the original: 0 means "not reached yet", and a later candidate wins a tie.
    const offer = (end: number, score: number, id: number): void => {
      if (best[end] === 0 || score >= (best[end] as number)) {
        best[end] = score;
        words[end] = id;
      }
    };
    for (let start = 0; start < n; start++) {
      const before = best[start] as number;
      let node = (children[0] as Map<number, number>).get(symbols[start] as number);
      let found = false;
      for (let end = start + 1; node !== undefined; end++) {
        const id = pieceId[node] as number;
        if (id !== NO_PIECE) {
          offer(end, (pieceScore[node] as number) + before, id);
          found = true;
        }
        node = end < n ? (children[node] as Map<number, number>).get(symbols[end] as number) : undefined;
      }
      // A symbol no piece starts with is one unknown symbol of score 0.
      if (!found) offer(start + 1, before, UNKNOWN);
    }
    const reversed: number[] = [];
    // The original steps back by the piece's length in UTF-16 units, not in symbols: kept for equal ids.
    for (let at = n; at > 0; at -= this.#units[words[at] as number] as number) reversed.push(words[at] as number);
    const ids: number[] = [];
    let previousUnknown = false;
    for (const id of reversed) {
      if (!(previousUnknown && id === UNKNOWN)) ids.push(id);
      previousUnknown = id === UNKNOWN;
    }
    return ids.reverse();
  }
}
