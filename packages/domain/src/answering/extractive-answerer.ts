import {
  type AnswerDraft,
  type Answerer,
  type AnswerOptions,
  type AnswerRequest,
  type DraftCitation,
  NOT_FOUND_TEXT,
} from './answerer.ts';
import { type ScoredSentence, type SentenceEvidence, scoreSentences } from './evidence-sentences.ts';

/** Thresholds and weights of the extractive answerer. Shares are of the question's weighted terms. */
export interface ExtractiveAnswererOptions {
  /** Most sentences in an answer (default 3). */
  maxSentences?: number;
  /** Longer sentences are cut at word boundaries into pieces this long (default 400). */
  maxSentenceChars?: number;
  /**
   * Abstain when the chosen sentences together cover less than this share (default 0.1): a floor
   * against passages that share almost nothing with the question. Near misses (a program, licence
   * or version the library lacks) are caught earlier by question understanding, which word overlap
   * cannot do: on qa-dev the unanswerable questions' best passages cover as much as paraphrased
   * answerable ones. Measured with that gate on (AskQuestion defaults, USE Lite), unanswerable /
   * false abstentions: 0.1 7/8 and 0/52; 0.12 and 0.15 7/8 and 3/52; 0.35 7/8 and 12/52.
   */
  minCoverage?: number;
  /** Another sentence joins the answer only if it adds at least this share (default 0.1). */
  minGain?: number;
  /** Bonus for a sentence holding all adjacent question-term pairs in order (default 0.15). */
  phraseWeight?: number;
  /** Bonus for a sentence of the top passage, divided by the passage's rank (default 0.1). */
  rankWeight?: number;
  /** Weight multiplier of identifiers and numbers among the question's terms (default 2). */
  specificTermWeight?: number;
  /** Bonus, when choosing further sentences, for one right beside a chosen sentence (default 0.1). */
  adjacencyWeight?: number;
  /** The text of an abstention (default "Not found in your documents."). */
  abstainText?: string;
}

// Among sentences adding the same coverage, the better-matching one wins.
const TIE_BREAK = 0.01;

const DEFAULTS: Required<ExtractiveAnswererOptions> = {
  maxSentences: 3,
  maxSentenceChars: 400,
  minCoverage: 0.1,
  minGain: 0.1,
  phraseWeight: 0.15,
  rankWeight: 0.1,
  adjacencyWeight: 0.1,
  specificTermWeight: 2,
  abstainText: NOT_FOUND_TEXT,
};

/**
 * Answers by quoting: picks the fewest best-matching sentences (1 to `maxSentences`) of the
 * passages that together cover the question's terms, and cites each with exact offsets. It
 * abstains when the evidence is weak, judged only by how much of the question the passages
 * cover, never by how the question is worded. Pure and deterministic: no model, no I/O.
 */
export class ExtractiveAnswerer implements Answerer {
  /** Always `extractive`. */
  readonly id = 'extractive';
  readonly #options: Required<ExtractiveAnswererOptions>;

  constructor(options: ExtractiveAnswererOptions = {}) {
    this.#options = { ...DEFAULTS, ...options };
  }

  /** Quotes the best sentences of the passages, or abstains; `onText` gets the whole text at once. */
  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    const draft = this.#quote(request);
    options.onText?.(draft.text);
    return draft;
  }

  #quote(request: AnswerRequest): AnswerDraft {
    const evidence = scoreSentences(request.question, request.passages, this.#options);
    const chosen = this.#choose(evidence);
    if (chosen === null) return { text: this.#options.abstainText, abstained: true, citations: [] };
    chosen.sort((a, b) => a.passage - b.passage || a.start - b.start);
    const citations: DraftCitation[] = [];
    const quotes: string[] = [];
    for (const sentence of chosen) {
      const passage = request.passages[sentence.passage];
      if (passage === undefined) continue;
      citations.push({ passageIndex: passage.index, start: sentence.start, end: sentence.end });
      quotes.push(passage.text.slice(sentence.start, sentence.end));
    }
    return { text: quotes.join(' '), abstained: false, citations };
  }

  /** Greedy set cover of the question's weighted terms, or null when the evidence is too weak. */
  #choose(evidence: SentenceEvidence): ScoredSentence[] | null {
    const o = this.#options;
    const best = evidence.sentences.reduce<ScoredSentence | undefined>(
      (a, b) => (a && a.score >= b.score ? a : b),
      undefined,
    );
    if (best === undefined || evidence.totalWeight === 0) return null;
    const chosen = [best];
    const covered = new Set(best.matched);
    const gainOf = (s: ScoredSentence): number => {
      let gain = 0;
      for (const term of s.matched) if (!covered.has(term)) gain += evidence.weights.get(term) ?? 0;
      return gain / evidence.totalWeight;
    };
    while (chosen.length < o.maxSentences) {
      let next: ScoredSentence | undefined;
      let nextValue = Number.NEGATIVE_INFINITY;
      for (const s of evidence.sentences) {
        const gain = gainOf(s);
        if (gain < o.minGain || chosen.includes(s)) continue;
        // The sentence next to a chosen one usually continues its thought ("... The default is 500.").
        const adjacent = chosen.some((c) => c.passage === s.passage && Math.abs(c.order - s.order) === 1);
        const value = gain + (adjacent ? o.adjacencyWeight : 0) + TIE_BREAK * s.score;
        if (value > nextValue) {
          next = s;
          nextValue = value;
        }
      }
      if (next === undefined) break;
      chosen.push(next);
      for (const term of next.matched) covered.add(term);
    }
    const coverage = [...covered].reduce((sum, t) => sum + (evidence.weights.get(t) ?? 0), 0) / evidence.totalWeight;
    return coverage < o.minCoverage ? null : chosen;
  }
}
