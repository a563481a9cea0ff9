import { questionTerms, weightedCoverage } from '../retrieval/term-rarity.ts';
import { analyzeText } from '../text/analyze-text.ts';
import { splitSentences, type TextRange } from '../text/sentences.ts';
import { readClaims } from './answer-claims.ts';
import type { DraftCitation, EvidencePassage } from './answerer.ts';
import { NOT_FOUND_TEXT } from './answerer.ts';
import { rarityWeights } from './passage-weights.ts';

/** Thresholds of {@link groundAnswer}. */
export interface GroundingOptions {
  /**
   * Least weighted share of a sentence's content terms that the span of a passage it cites must
   * hold for the citation to stand (default 0.34). Measured on qa-dev with real chunks: each
   * reference answer's sentences (3+ content terms) against the chunk holding the answer span
   * (true) and against chunks of other documents and of the same document that do not hold it
   * (false). True support has median 0.80 and 5th percentile 0.41; false support has 99th
   * percentile 0.32 (other documents) and 0.42 (same document, where some chunks do repeat the
   * fact). Kept at 0.25 / 0.34 / 0.45: true 39 / 39 / 37 of 40, false other-document
   * 54 / 8 / 3 of 1,643, false same-document 72 / 30 / 8 of 1,240. A sentence drawn from two
   * passages (`[1][3]`) gives each only part of its terms: on qa-dev's multi questions the lesser
   * one covers 0.28 to 0.42, so such a sentence may keep only its stronger citation, which still
   * makes it supported.
   */
  minSupport?: number;
  /** Passage sentences longer than this are cut into pieces at word boundaries (default 400). */
  maxSentenceChars?: number;
  /** The text of an abstention (default "Not found in your documents."). */
  abstainText?: string;
}

/** A generated answer checked against its passages. */
export interface GroundedAnswer {
  /** The reply as written (trimmed), or the abstention text. */
  text: string;
  abstained: boolean;
  /** One per `[n]` marker whose passage supports its sentence, with the supporting span's offsets. */
  citations: DraftCitation[];
  /** Sentences with content that no cited passage supports, as written. */
  unsupported: string[];
}

const DEFAULTS: Required<GroundingOptions> = {
  minSupport: 0.34,
  maxSentenceChars: 400,
  abstainText: NOT_FOUND_TEXT,
};

// A sentence with fewer content terms ("Yes.", "In short:") states nothing that could be checked.
const MIN_CLAIM_TERMS = 2;

const phraseKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

interface PassageSentences {
  passage: EvidencePassage;
  sentences: (TextRange & { terms: ReadonlySet<string> })[];
  terms: ReadonlySet<string>;
}

const splitPassage = (passage: EvidencePassage, maxChars: number): PassageSentences => {
  // Answers name the program ("In tmux, ...") where its manual's sentences do not: the document
  // name's words count as present in every sentence of it.
  const nameTerms = analyzeText(passage.documentName.replace(/\.[^.]*$/u, '')).filter((t) => /^\p{L}{2,}$/u.test(t));
  const sentences = splitSentences(passage.text, maxChars).map((range) => ({
    ...range,
    terms: new Set([...analyzeText(passage.text.slice(range.start, range.end)), ...nameTerms]),
  }));
  return { passage, sentences, terms: new Set(sentences.flatMap((s) => [...s.terms])) };
};

/** The sentence, or two adjacent ones, of the passage that best cover the claim, and how well. */
const bestSpan = (
  weights: ReadonlyMap<string, number>,
  split: PassageSentences,
): (TextRange & { support: number }) | null => {
  let best: (TextRange & { support: number }) | null = null;
  const consider = (start: number, end: number, terms: ReadonlySet<string>): void => {
    const support = weightedCoverage(weights, terms);
    if (best === null || support > best.support) best = { start, end, support };
  };
  // Singles first and ties kept: a pair only wins by covering more than any one sentence.
  for (const sentence of split.sentences) consider(sentence.start, sentence.end, sentence.terms);
  split.sentences.forEach((sentence, i) => {
    const next = split.sentences[i + 1];
    if (next !== undefined) consider(sentence.start, next.end, new Set([...sentence.terms, ...next.terms]));
  });
  return best;
};

/**
 * Checks a model's answer against the passages it was given. The reply is split into sentences
 * and each `[n]` marker is verified: passage n must hold a sentence (or two adjacent ones) that
 * covers at least `minSupport` of the sentence's weighted content terms (stemmed, markers removed).
 * That span becomes the marker's citation, with exact offsets into the passage's text. Markers
 * naming no given passage are ignored; a sentence with content and no supporting citation is
 * listed in `unsupported` and kept in the text. An empty reply, one that starts with the
 * not-found sentence, or one without a single supported sentence is an abstention. Pure and
 * deterministic.
 */
export const groundAnswer = (
  text: string,
  passages: readonly EvidencePassage[],
  options: GroundingOptions = {},
): GroundedAnswer => {
  // Field by field, so an option passed as `undefined` keeps its default.
  const o: Required<GroundingOptions> = {
    minSupport: options.minSupport ?? DEFAULTS.minSupport,
    maxSentenceChars: options.maxSentenceChars ?? DEFAULTS.maxSentenceChars,
    abstainText: options.abstainText ?? DEFAULTS.abstainText,
  };
  const abstain: GroundedAnswer = { text: o.abstainText, abstained: true, citations: [], unsupported: [] };
  const reply = text.trim();
  const refusals = [phraseKey(NOT_FOUND_TEXT), phraseKey(o.abstainText)].filter((k) => k.length > 0);
  const replyKey = phraseKey(reply);
  if (replyKey.length === 0 || refusals.some((k) => replyKey.startsWith(k))) return abstain;

  const split = passages.map((p) => splitPassage(p, o.maxSentenceChars));
  const byIndex = new Map(split.map((s) => [s.passage.index, s]));
  const citations: DraftCitation[] = [];
  const unsupported: string[] = [];
  let supported = 0;
  for (const claim of readClaims(reply)) {
    const terms = questionTerms(claim.claim);
    if (terms.length === 0) continue;
    // Rarity among the passages: a claim's term that no passage holds weighs most.
    const weights = rarityWeights(
      terms,
      split.map((p) => p.terms),
    );
    let found = false;
    for (const marker of claim.markers) {
      const passage = byIndex.get(marker);
      const span = passage === undefined ? null : bestSpan(weights, passage);
      if (span === null || span.support < o.minSupport) continue;
      citations.push({ passageIndex: marker, marker, start: span.start, end: span.end });
      found = true;
    }
    if (found) supported++;
    // "The rest is not found in your documents." admits a gap; it claims nothing.
    else if (terms.length >= MIN_CLAIM_TERMS && !refusals.some((k) => phraseKey(claim.claim).includes(k)))
      unsupported.push(claim.text);
  }
  return supported === 0 ? abstain : { text: reply, abstained: false, citations, unsupported };
};
