/**
 * A synthetic corpus shaped like Docent's real ones, for scale benchmarks (no model, no files):
 *
 * - Vocabulary: 40,000 pronounceable pseudo-words (2-4 syllables) drawn with Zipf's law (rank r has
 *   weight 1/r^1.07, English's exponent), so a few words are everywhere (posting lists of most
 *   chunks, as "the" and "of" are) and most are rare, which is what makes BM25 and the dense
 *   ranker's work realistic. About 2% of tokens are code-like identifiers (`word_word`, `--word`).
 * - Sentences: 6-28 words, capitalised, ending in '.', '?' or ':'.
 * - Documents: 20-80 paragraphs of 2-7 sentences under a heading every 4-10 paragraphs, i.e. text
 *   that the real chunker (`chunkDocument`, 850/1,200 characters with 250 overlap) and the real
 *   sentence windows (`embeddingWindows`, 300 characters) cut as they cut uploads; qa-dev's
 *   manuals give 2-4 vectors per chunk the same way.
 * - Questions: 4-9 words taken from one sentence of a random chunk plus 2-3 frequent words
 *   ("what", "how" and the like are frequent words here), as a user paraphrasing a passage would.
 *
 * Deterministic for a given seed (a 32-bit xorshift), so two runs build the same corpus.
 */
import type { DocumentText, HeadingSpan } from '@docent/domain';

const VOCABULARY = 40_000;
const ZIPF_EXPONENT = 1.07;
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'si',
  'po',
  'de',
  'va',
  'gri',
  'stor',
  'en',
  'bal',
  'qu',
  'ix',
  'mon',
  'tel',
  'ar',
  'chu',
];

/** A seeded random source in [0, 1). */
export type Random = () => number;

export const seededRandom = (seed: number): Random => {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
};

/** The vocabulary and a sampler of its words by Zipf rank. */
export class ZipfVocabulary {
  readonly words: string[];
  readonly #cumulative: Float64Array;
  readonly #random: Random;

  constructor(random: Random) {
    this.#random = random;
    const seen = new Set<string>();
    this.words = [];
    while (this.words.length < VOCABULARY) {
      const length = 2 + Math.floor(random() * 3);
      let word = '';
      for (let i = 0; i < length; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
      if (!seen.has(word)) {
        seen.add(word);
        this.words.push(word);
      }
    }
    this.#cumulative = new Float64Array(VOCABULARY);
    let total = 0;
    for (let rank = 1; rank <= VOCABULARY; rank++) {
      total += 1 / rank ** ZIPF_EXPONENT;
      this.#cumulative[rank - 1] = total;
    }
    for (let i = 0; i < VOCABULARY; i++) this.#cumulative[i] = (this.#cumulative[i] ?? 0) / total;
  }

  /** One word drawn by Zipf's law (binary search over the cumulative weights). */
  word(): string {
    const target = this.#random();
    let low = 0;
    let high = VOCABULARY - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.#cumulative[middle] ?? 1) < target) low = middle + 1;
      else high = middle;
    }
    return this.words[low] as string;
  }
}

/** Builds documents and questions over one vocabulary. */
export class SyntheticCorpus {
  readonly #random: Random;
  readonly #vocabulary: ZipfVocabulary;

  constructor(seed = 14) {
    this.#random = seededRandom(seed);
    this.#vocabulary = new ZipfVocabulary(this.#random);
  }

  #between(low: number, high: number): number {
    return low + Math.floor(this.#random() * (high - low + 1));
  }

  #token(): string {
    const roll = this.#random();
    if (roll < 0.01) return `${this.#vocabulary.word()}_${this.#vocabulary.word()}`;
    if (roll < 0.02) return `--${this.#vocabulary.word()}`;
    return this.#vocabulary.word();
  }

  /** One sentence of 6-28 words. */
  sentence(): string {
    const words = Array.from({ length: this.#between(6, 28) }, () => this.#token());
    const first = words[0] as string;
    words[0] = first.charAt(0).toUpperCase() + first.slice(1);
    const end = this.#random();
    return `${words.join(' ')}${end < 0.85 ? '.' : end < 0.93 ? '?' : ':'}`;
  }

  /** A document's normalised text with headings and paragraph blocks, as an extractor returns it. */
  document(): DocumentText {
    let text = '';
    const headings: HeadingSpan[] = [];
    const blocks: DocumentText['blocks'] = [];
    const paragraphs = this.#between(20, 80);
    let nextHeading = 0;
    for (let p = 0; p < paragraphs; p++) {
      if (p === nextHeading) {
        const title = Array.from({ length: this.#between(2, 5) }, () => this.#vocabulary.word()).join(' ');
        headings.push({
          level: 1 + Math.floor(this.#random() * 2),
          text: title,
          charStart: text.length,
          charEnd: text.length + title.length,
        });
        blocks.push({ charStart: text.length, charEnd: text.length + title.length });
        text += `${title}\n\n`;
        nextHeading = p + this.#between(4, 10);
      }
      const paragraph = Array.from({ length: this.#between(2, 7) }, () => this.sentence()).join(' ');
      blocks.push({ charStart: text.length, charEnd: text.length + paragraph.length });
      text += `${paragraph}\n\n`;
    }
    return { text: text.trimEnd(), pages: [], headings, blocks };
  }

  /** A question about `passage`: a run of its words plus a few frequent ones. */
  question(passage: string): string {
    const words = passage.split(/\s+/u).filter((word) => word.length > 0);
    const length = Math.min(words.length, this.#between(4, 9));
    const start = this.#between(0, Math.max(0, words.length - length));
    const frequent = Array.from({ length: this.#between(2, 3) }, () => this.#vocabulary.words[this.#between(0, 20)]);
    return `${[...frequent, ...words.slice(start, start + length)].join(' ').replace(/[.?:]/gu, '')}?`;
  }
}
