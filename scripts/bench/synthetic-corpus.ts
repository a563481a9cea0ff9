/**
 * The scale curve's synthetic corpus, the same for a seed on every machine. Words come from a
 * vocabulary of 40,000 pronounceable pseudo-words (word r spelled from the syllables of r + 40 in
 * base 40, so every word is distinct and frequent words are short) drawn with Zipf frequencies
 * (the r-th most frequent word weighs 1 / r), the shape of natural text, so BM25 sees realistic
 * posting lists: a few huge, most tiny. Sentences have 6-20 words, paragraphs 3-7 sentences, and
 * each Markdown document opens with a title and has a `##` heading every 6 paragraphs. Documents
 * are sized to about `CHUNKS_PER_DOCUMENT` of Docent's chunks (about 655 new characters each at the
 * default 850-character target with 250 of overlap). No model is involved: the bench runs the
 * scale curve with the `hashing` embedder so that a 100k-chunk corpus builds in minutes.
 */
import { seededRandom } from '../../apps/local-server/test/support/seeded-random.ts';

const VOCABULARY = 40_000;
const SYLLABLES =
  'ba be bi bo bu da de di do du ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu ra re ri ro ru sa se si so'.split(
    ' ',
  );
/** Characters of new text per chunk at Docent's default chunk sizes, measured (9,168 chunks for 6.0 MB). */
const CHARS_PER_CHUNK = 655;
/** Chunks per generated document: well under the 6,000-chunk limit of one document. */
export const CHUNKS_PER_DOCUMENT = 2_000;

const spell = (rank: number): string => {
  let word = '';
  for (let n = rank + SYLLABLES.length; n > 0; n = Math.floor(n / SYLLABLES.length)) {
    word = (SYLLABLES[n % SYLLABLES.length] as string) + word;
  }
  return word;
};

const WORDS = Array.from({ length: VOCABULARY }, (_, rank) => spell(rank));
// Cumulative Zipf weights (s = 1), searched by bisection for each drawn word.
const CUMULATIVE = (() => {
  const sums = new Float64Array(VOCABULARY);
  let total = 0;
  for (let r = 0; r < VOCABULARY; r++) {
    total += 1 / (r + 1);
    sums[r] = total;
  }
  return sums.map((sum) => sum / total);
})();

const drawWord = (u: number): string => {
  let low = 0;
  let high = VOCABULARY - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((CUMULATIVE[mid] as number) < u) low = mid + 1;
    else high = mid;
  }
  return WORDS[low] as string;
};

/** One generated Markdown document and the sentences picked from it for questions. */
export interface SyntheticDocument {
  name: string;
  text: string;
  /** A few of its sentences' words (5 consecutive words each), to ask about. */
  probes: string[];
}

/**
 * Documents totalling about `chunks` chunks, generated one at a time (a million chunks is 655 MB
 * of text, never held at once). Each carries `probesPerDocument` probes.
 */
export function* syntheticDocuments(
  chunks: number,
  seed: number,
  probesPerDocument: number,
): Generator<SyntheticDocument> {
  const random = seededRandom(seed);
  const count = Math.max(1, Math.round(chunks / CHUNKS_PER_DOCUMENT));
  const charsPerDocument = Math.round((chunks / count) * CHARS_PER_CHUNK);
  for (let d = 0; d < count; d++) {
    const parts: string[] = [`# Synthetic document ${d}`];
    const probes: string[] = [];
    let size = 0;
    for (let paragraph = 0; size < charsPerDocument; paragraph++) {
      if (paragraph > 0 && paragraph % 6 === 0) parts.push(`## ${drawWord(random.next())} ${drawWord(random.next())}`);
      const sentences: string[] = [];
      for (let s = random.int(3, 7); s > 0; s--) {
        const words = Array.from({ length: random.int(6, 20) }, () => drawWord(random.next()));
        if (probes.length < probesPerDocument && random.next() < 0.01) probes.push(words.slice(0, 5).join(' '));
        sentences.push(`${words.join(' ')}.`);
      }
      const text = sentences.join(' ');
      parts.push(text);
      size += text.length + 2;
    }
    yield { name: `synthetic-${d}.md`, text: parts.join('\n\n'), probes };
  }
}
