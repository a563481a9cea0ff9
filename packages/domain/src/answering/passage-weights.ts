import type { ReadPassage } from './answer-spans.ts';

// Identifiers and numbers (`path.relative`, `XML_Parse`, `blake2b`, `2.0`) name one thing: finding
// them or not says more about the evidence than finding an ordinary word.
export const isSpecific = (term: string): boolean => /\d|[._]/u.test(term);
const SPECIFIC_FACTOR = 2;

/**
 * How much each question term counts when reading these passages: more the fewer passages hold
 * it (a term none holds weighs most, so missing evidence for it counts fully against an answer),
 * doubled for identifiers and numbers.
 */
export const passageWeights = (terms: readonly string[], passages: readonly ReadPassage[]): Map<string, number> => {
  const held = passages.map((p) => new Set([...p.frame, ...p.sentences.flatMap((s) => s.terms)]));
  return new Map(
    terms.map((term) => {
      const df = held.filter((set) => set.has(term)).length;
      const rarity = Math.log(1 + (passages.length + 1) / (df + 0.5));
      return [term, isSpecific(term) ? rarity * SPECIFIC_FACTOR : rarity];
    }),
  );
};
