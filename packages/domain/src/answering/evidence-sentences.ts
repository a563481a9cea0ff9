import { analyzeText } from '../text/analyze-text.ts';
import { splitSentences } from '../text/sentences.ts';
import type { EvidencePassage } from './answerer.ts';

/** A sentence of one passage with how well it matches the question. */
export interface ScoredSentence {
  /** Position of the passage in the request (0-based). */
  passage: number;
  /** Position of the sentence in its passage (0-based). */
  order: number;
  start: number;
  end: number;
  /** Question terms the sentence contains. */
  matched: ReadonlySet<string>;
  /** Weighted share of the question's terms it contains, 0..1. */
  coverage: number;
  /** Coverage plus the phrase and passage-rank bonuses: the ranking key. */
  score: number;
}

/** How much each question term counts, and every passage's sentences scored against them. */
export interface SentenceEvidence {
  weights: ReadonlyMap<string, number>;
  totalWeight: number;
  sentences: ScoredSentence[];
}

/** Scoring knobs; see `ExtractiveAnswererOptions`. */
export interface SentenceScoring {
  maxSentenceChars: number;
  phraseWeight: number;
  rankWeight: number;
  specificTermWeight: number;
}

// Identifiers and numbers (`path.relative`, `XML_Parse`, `blake2b`, `2.0`) name one thing: finding
// them or not says more about the evidence than finding an ordinary word.
const isSpecific = (term: string): boolean => /\d|[._]/u.test(term);
// Single letters left over from possessives and short flags ("tmux's", "-L") carry no evidence.
const isNoise = (term: string): boolean => /^\p{L}$/u.test(term);

const pairsOf = (terms: readonly string[]): Set<string> => {
  const pairs = new Set<string>();
  for (let i = 1; i < terms.length; i++) pairs.add(`${terms[i - 1]} ${terms[i]}`);
  return pairs;
};

/**
 * Splits the passages into sentences and scores each against the question. A question term
 * weighs more the fewer passages contain it (absent terms weigh most: missing evidence for them
 * counts fully against the answer). Adjacent question terms found adjacent in a sentence and the
 * passage's retrieval rank add smaller bonuses.
 */
export const scoreSentences = (
  question: string,
  passages: readonly EvidencePassage[],
  scoring: SentenceScoring,
): SentenceEvidence => {
  const questionSequence = analyzeText(question).filter((term) => !isNoise(term));
  const questionTerms = new Set(questionSequence);
  const questionPairs = pairsOf(questionSequence);
  const split = passages.map((passage) =>
    splitSentences(passage.text, scoring.maxSentenceChars).map((range) => ({
      ...range,
      terms: analyzeText(passage.text.slice(range.start, range.end)),
    })),
  );
  // Questions name the document ("in xz", "the Nettle manual") where its sentences do not: the
  // file name's terms count as found in every sentence of that document.
  const nameTerms = passages.map((passage) =>
    analyzeText(passage.documentName.replace(/\.[^.]*$/u, '')).filter((term) => /^\p{L}[\p{L}\p{N}]+$/u.test(term)),
  );
  const passageTerms = split.map(
    (sentences, i) => new Set([...sentences.flatMap((s) => s.terms), ...(nameTerms[i] ?? [])]),
  );
  const weights = new Map<string, number>();
  for (const term of questionTerms) {
    const df = passageTerms.filter((terms) => terms.has(term)).length;
    const rarity = Math.log(1 + (passages.length + 1) / (df + 0.5));
    weights.set(term, isSpecific(term) ? rarity * scoring.specificTermWeight : rarity);
  }
  const totalWeight = [...weights.values()].reduce((a, b) => a + b, 0);
  const share = (terms: Iterable<string>): number => {
    if (totalWeight === 0) return 0;
    let sum = 0;
    for (const term of terms) sum += weights.get(term) ?? 0;
    return sum / totalWeight;
  };
  const sentences = split.flatMap((list, passage) =>
    list.map((sentence, order): ScoredSentence => {
      const matched = new Set([...sentence.terms, ...(nameTerms[passage] ?? [])].filter((t) => questionTerms.has(t)));
      const coverage = share(matched);
      const pairs = pairsOf(sentence.terms);
      const phrase =
        questionPairs.size === 0 ? 0 : [...questionPairs].filter((p) => pairs.has(p)).length / questionPairs.size;
      const score = coverage + scoring.phraseWeight * phrase + scoring.rankWeight / (passage + 1);
      return { passage, order, start: sentence.start, end: sentence.end, matched, coverage, score };
    }),
  );
  return { weights, totalWeight, sentences };
};
