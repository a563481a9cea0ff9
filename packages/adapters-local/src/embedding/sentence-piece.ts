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

interface TrieNode {
  children: Map<string, TrieNode>;
  /** The id of the piece ending here, or -1. */
  id: number;
  score: number;
}

// The first ids are control symbols (unknown, <s>, </s>, ...), never matched in text.
const RESERVED_SYMBOLS = 6;
const UNKNOWN = 0;
const SEPARATOR = '\u2581';

const newNode = (): TrieNode => ({ children: new Map(), id: -1, score: 0 });

/** Encodes text into USE Lite token ids (unknown symbols as id 0, runs of them merged). */
export class SentencePiece {
  readonly #vocabulary: Vocabulary;
  readonly #root = newNode();

  constructor(vocabulary: Vocabulary) {
    this.#vocabulary = vocabulary;
    for (let id = RESERVED_SYMBOLS; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id] as readonly [string, number];
      let node = this.#root;
      for (const symbol of piece) {
        let child = node.children.get(symbol);
        if (child === undefined) {
          child = newNode();
          node.children.set(symbol, child);
        }
        node = child;
      }
      node.id = id;
      node.score = score;
    }
  }

  /** The ids of `input`'s most likely segmentation into pieces. */
  encode(input: string): number[] {
    const normalized = input.normalize('NFKC');
    const text = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
    const symbols = [...text];
    const n = symbols.length;
    // Pieces ending at each position, in order of their start (as the original visits them).
    const ending: Array<Array<{ length: number; id: number; score: number }>> = Array.from({ length: n + 1 }, () => []);
    for (let start = 0; start < n; start++) {
      let node = this.#root.children.get(symbols[start] as string);
      let found = false;
      for (let end = start + 1; node !== undefined; end++) {
        if (node.id >= 0) {
          ending[end]?.push({ length: end - start, id: node.id, score: node.score });
          found = true;
        }
        node = end < n ? node.children.get(symbols[end] as string) : undefined;
      }
      // A symbol no piece starts with is one unknown symbol of score 0.
      if (!found) ending[start + 1]?.push({ length: 1, id: UNKNOWN, score: 0 });
    }
    const best = new Array<number>(n + 1).fill(0);
    const words = new Array<number>(n + 1).fill(0);
    for (let end = 0; end <= n; end++) {
      for (const piece of ending[end] ?? []) {
        const score = piece.score + (best[end - piece.length] as number);
        // As in the original: 0 means "not reached yet", and a later candidate wins a tie.
        if (best[end] === 0 || score >= (best[end] as number)) {
          best[end] = score;
          words[end] = piece.id;
        }
      }
    }
    const reversed: number[] = [];
    // The original steps back by the piece's length in UTF-16 units, not in symbols: kept for equal ids.
    for (let at = n; at > 0; at -= (this.#vocabulary[words[at] as number] as readonly [string, number])[0].length) {
      reversed.push(words[at] as number);
    }
    const ids: number[] = [];
    let previousUnknown = false;
    for (const id of reversed) {
      if (!(previousUnknown && id === UNKNOWN)) ids.push(id);
      previousUnknown = id === UNKNOWN;
    }
    return ids.reverse();
  }
}
