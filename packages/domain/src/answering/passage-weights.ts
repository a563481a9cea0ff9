import type { ReadPassage } from './answer-spans.ts';

// Identifiers and numbers (`path.relative`, `XML_Parse`, `blake2b`, `2.0`) name one thing: finding
// them or not says more about the evidence than finding an ordinary word.
const isSpecific = (term: string): boolean => /\d|[._]/u.test(term);
const SPECIFIC_FACTOR = 2;

/**
 * How much each term counts among passages, given the terms each passage holds: more the fewer
 * passages hold it (a term none holds weighs most, so missing evidence for it counts fully against
 * an answer or a claim), doubled for identifiers and numbers.
 */
export const rarityWeights = (terms: readonly string[], held: readonly ReadonlySet<string>[]): Map<string, number> =>
  new Map(
    terms.map((term) => {
      const df = held.filter((set) => set.has(term)).length;
      const rarity = Math.log(1 + (held.length + 1) / (df + 0.5));
      return [term, isSpecific(term) ? rarity * SPECIFIC_FACTOR : rarity];
    }),
  );

/** {@link rarityWeights} of the question's terms among read passages (heading and file name included). */
export const passageWeights = (terms: readonly string[], passages: readonly ReadPassage[]): Map<string, number> =>
  rarityWeights(
    terms,
    passages.map((p) => new Set([...p.frame, ...p.sentences.flatMap((s) => s.terms)])),
  );
