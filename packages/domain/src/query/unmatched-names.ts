import type { CatalogDocument } from './catalog.ts';
import { KIND_NOUNS } from './document-keys.ts';
import { AUXILIARIES, isNameLike, type QuestionToken } from './question-tokens.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Consecutive name-like tokens of a question, as a token range [start, end). */
export interface NameRun {
  start: number;
  end: number;
}

const PREPOSITIONS = new Set(['in', 'with', 'under', 'using', 'for', 'from', 'via', 'about', 'regarding']);

const isKind = (token: QuestionToken | undefined): boolean =>
  token !== undefined && token.shape === 'word' && KIND_NOUNS.has(token.key);

/**
 * Runs of name-like tokens not already explained by a catalog match. A run ends at punctuation
 * and after a possessive; a lower-case word carrying the possessive still ends it as part of the
 * name (`GNU screen's`).
 */
export const findNameRuns = (tokens: readonly QuestionToken[], excluded: (index: number) => boolean): NameRun[] => {
  const runs: NameRun[] = [];
  let start = -1;
  tokens.forEach((token, i) => {
    const joins = start >= 0 && !token.breakBefore && !tokens[i - 1]?.possessive;
    const nameLike = !excluded(i) && isNameLike(token) && !isKind(token);
    if (joins && !nameLike && token.possessive && token.shape === 'word' && !excluded(i) && !isKind(token)) {
      runs.push({ start, end: i + 1 });
      start = -1;
      return;
    }
    if (start >= 0 && (!joins || !nameLike)) {
      runs.push({ start, end: i });
      start = -1;
    }
    if (nameLike && start < 0) start = i;
  });
  if (start >= 0) runs.push({ start, end: tokens.length });
  return runs;
};

/**
 * Whether the run names what the question is about rather than something mentioned in passing:
 * an owner (`wget's`), the subject of the question (`does wget retry`), a thing with its kind
 * (`the Foo library`) or the place asked about (`in Foo?`, `with Foo?`).
 */
const isOwnerRole = (tokens: readonly QuestionToken[], run: NameRun): boolean => {
  const last = tokens[run.end - 1];
  const next = tokens[run.end];
  if (last?.possessive) return true;
  if (isKind(next) && !next?.breakBefore) return true;
  const before = tokens[run.start - 1]?.key === 'the' ? run.start - 2 : run.start - 1;
  const prev = tokens[before]?.key ?? '';
  const closesClause = next === undefined || next.breakBefore;
  const according = prev === 'to' && tokens[before - 1]?.key === 'according';
  if ((PREPOSITIONS.has(prev) || according) && closesClause) return true;
  return AUXILIARIES.has(prev) && next !== undefined && !next.breakBefore && !isNameLike(next) && !next.capitalised;
};

interface JudgeContext {
  /** The documents the question names; names are judged against them when there are any. */
  targeted: readonly CatalogDocument[];
  catalog: readonly CatalogDocument[];
  topicMentions: number;
}

const vocabulariesOf = (docs: readonly CatalogDocument[]): Vocabulary[] =>
  docs.flatMap((doc) => (doc.vocabulary === undefined ? [] : [doc.vocabulary]));

/**
 * The runs that name something no document covers. Identifiers (`xmlReadFile()`, `BLAKE2b`) must
 * occur in a targeted document (any document when none is named). A plain name counts only when
 * nothing is targeted, it is what the question is about, and no document mentions it as a topic.
 * Precision first: a wrong
 * name here makes the product abstain on an answerable question.
 */
export const judgeNames = (
  question: string,
  tokens: readonly QuestionToken[],
  runs: readonly NameRun[],
  context: JudgeContext,
): string[] => {
  const all = vocabulariesOf(context.catalog);
  const scoped = vocabulariesOf(context.targeted.length > 0 ? context.targeted : context.catalog);
  if (all.length === 0 || scoped.length === 0) return [];
  const names: string[] = [];
  for (const run of runs) {
    const inRun = tokens.slice(run.start, run.end);
    const code = inRun.filter((t) => t.shape === 'code');
    for (const token of code) {
      if (scoped.every((vocabulary) => vocabulary(token.text) === 0)) {
        names.push(token.call ? `${token.text}()` : token.text);
      }
    }
    const first = inRun[0];
    const last = inRun[inRun.length - 1];
    if (code.length > 0 || first === undefined || last === undefined) continue;
    // With documents named, a plain name is their business: judge only identifiers against them.
    if (context.targeted.length > 0 || !isOwnerRole(tokens, run)) continue;
    const phrase = question.slice(first.start, last.start + last.text.length);
    if (!all.some((vocabulary) => vocabulary(phrase) >= context.topicMentions)) names.push(phrase);
  }
  return [...new Set(names)];
};
