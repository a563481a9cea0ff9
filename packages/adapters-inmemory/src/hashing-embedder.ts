import { analyzeText, DocentError, type Embedder } from '@docent/domain';

/** Options of HashingEmbedder. */
export interface HashingEmbedderOptions {
  /** Vector length (default 256). */
  dimensions?: number;
}

// Trigrams outnumber terms about five to one; this keeps a word's spelling from outweighing the word.
const TRIGRAM_WEIGHT = 0.25;
const WORD = /[\p{L}\p{N}]+/gu;
// Texts without features (empty, punctuation only) all get this one feature's vector.
const EMPTY_FEATURE = '\u0000empty';

/** 32-bit FNV-1a: fast, well spread and identical on every platform. */
const fnv1a = (text: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

/**
 * A light lexical-semantic embedder with no model: feature hashing of `analyzeText` terms (so
 * stems and code identifiers match) plus character trigrams of each word (so spelling variants
 * and inflections land near each other) into `dimensions` signed buckets, L2-normalised.
 * Deterministic and symmetric (`purpose` changes nothing). Meant for tests and for running Docent
 * without an embedding model; it captures word overlap, not meaning.
 */
export class HashingEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimensions: number;

  constructor(options: HashingEmbedderOptions = {}) {
    const dimensions = options.dimensions ?? 256;
    if (!Number.isInteger(dimensions) || dimensions < 2) {
      throw new DocentError(
        'validation_failed',
        `Embedding dimensions must be an integer of at least 2, not ${dimensions}.`,
      );
    }
    this.dimensions = dimensions;
    this.modelId = `hashing-v1-${dimensions}`;
  }

  async embed(texts: readonly string[], options?: Parameters<Embedder['embed']>[1]): Promise<Float32Array[]> {
    options?.signal?.throwIfAborted();
    return texts.map((text) => this.embedOne(text));
  }

  private embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimensions);
    const add = (feature: string, weight: number): void => {
      const hash = fnv1a(feature);
      // The sign bit is independent of the bucket bits, so collisions cancel out on average.
      const bucket = hash % this.dimensions;
      vector[bucket] = (vector[bucket] ?? 0) + (hash & 0x80000000 ? -weight : weight);
    };
    for (const term of analyzeText(text)) add(`t:${term}`, 1);
    for (const [word] of text.normalize('NFKC').toLowerCase().matchAll(WORD)) {
      const padded = `^${word}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`g:${padded.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
    }
    let sum = 0;
    for (const value of vector) sum += value * value;
    if (sum === 0) {
      // No features, or features that cancelled out exactly: still a unit vector, as promised.
      vector[fnv1a(EMPTY_FEATURE) % this.dimensions] = 1;
      return vector;
    }
    const norm = Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] ?? 0) / norm;
    return vector;
  }
}
