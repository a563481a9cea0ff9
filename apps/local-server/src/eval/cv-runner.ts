import { bindUseCases } from '@docent/composition';
import {
  type AskQuestionOptions,
  type AskQuestionUseCase,
  type Embedder,
  ExtractiveAnswerer,
  type ExtractiveAnswererOptions,
  TOKENS,
} from '@docent/domain';
import { Container } from 'inversify';
import { type CandidateOutcomes, type CrossValidationResult, crossValidate, splitHalves } from './cross-validation.ts';
import type { EvalSession } from './eval-session.ts';
import type { GoldSpan } from './gold-spans.ts';
import { expandGrid, type GridPoint, type Knob, type KnobCheck, knobProblem, usableKnobs } from './knob-grid.ts';
import type { QuestionOutcome } from './metrics.ts';
import { toOutcome } from './pipeline.ts';
import type { QaQuestion } from './qa-set.ts';
import { EVAL_DEPTH } from './span-ranks.ts';

/** What was tuned: the knobs used, those skipped and why, and the size of the grid. */
export interface GridSummary {
  knobs: Knob[];
  skipped: Array<{ target: string; name: string; reason: string }>;
  /** Grid points tried, besides the configuration as composed. */
  gridPoints: number;
  elapsedMs: number;
}

/** Every grid point's outcome on every question of one set; candidate 0 is the configuration as composed. */
export interface GridRun extends GridSummary {
  candidates: CandidateOutcomes[];
}

/** The two-fold (question halves) cross-validation result with what was tuned. */
export type CrossValidationReport = CrossValidationResult & GridSummary;

const newExtractiveAnswerer = (options: object) => new ExtractiveAnswerer(options as ExtractiveAnswererOptions);

/**
 * AskQuestion for one grid point, over the session's own ports: a child container that overrides
 * the embedder (cached query vectors) and, for answerer knobs, the answerer, then binds the use
 * cases exactly as the composition does, with the point's options. Nothing is re-ingested.
 */
const askQuestionFor = (container: Container, point: GridPoint, embedder: Embedder): AskQuestionUseCase => {
  const child = new Container({ parent: container });
  child.bind(TOKENS.Embedder).toConstantValue(embedder);
  if (Object.keys(point.answerer).length > 0)
    child.bind(TOKENS.Answerer).toConstantValue(newExtractiveAnswerer(point.answerer));
  bindUseCases(child, { ask: point.ask as AskQuestionOptions });
  return child.get(TOKENS.AskQuestion);
};

/**
 * Asks every question of the set once as composed and once per grid point of the usable knobs,
 * keeping each outcome (answer judged against `gold`, the located spans by question id).
 */
export const runGrid = async (
  session: EvalSession,
  questions: readonly QaQuestion[],
  gold: ReadonlyMap<string, GoldSpan[]>,
  embedder: Embedder,
  knobs: readonly Knob[],
  onProgress?: (message: string) => void,
): Promise<GridRun> => {
  const started = performance.now();
  const extractive = session.resolver.get(TOKENS.Answerer).id === 'extractive';
  const check: KnobCheck = (knob) => {
    if (knob.target === 'ask') return null;
    return extractive ? knobProblem(knob, newExtractiveAnswerer) : 'no extractive answerer to tune in this composition';
  };
  const { used, skipped } = usableKnobs(knobs, check);
  const points = expandGrid(used);
  const outcomesOf = async (ask: AskQuestionUseCase): Promise<Map<string, QuestionOutcome>> => {
    const outcomes = new Map<string, QuestionOutcome>();
    for (const q of questions) {
      const answer = await ask.execute(session.principal, { question: q.question, topK: EVAL_DEPTH });
      const result = {
        passages: answer.sources,
        abstained: answer.abstained,
        answer: answer.answer,
        citations: answer.citations,
      };
      outcomes.set(q.id, toOutcome(q, result, gold.get(q.id) ?? []));
    }
    return outcomes;
  };
  const candidates: CandidateOutcomes[] = [
    { point: { ask: {}, answerer: {} }, outcomes: await outcomesOf(session.resolver.get(TOKENS.AskQuestion)) },
  ];
  for (const [i, point] of points.entries()) {
    candidates.push({ point, outcomes: await outcomesOf(askQuestionFor(session.container, point, embedder)) });
    onProgress?.(`tuning grid: ${i + 1}/${points.length} points`);
  }
  return {
    knobs: used,
    skipped: skipped.map(({ knob, reason }) => ({ target: knob.target, name: knob.name, reason })),
    gridPoints: points.length,
    elapsedMs: performance.now() - started,
    candidates,
  };
};

/**
 * Two-fold cross-validation of the ask-time knobs over one set's questions: a configuration is
 * chosen on each half of the grid's outcomes and reported on the other.
 */
export const crossValidateHalves = (grid: GridRun, questions: readonly QaQuestion[]): CrossValidationReport => {
  const { candidates, ...summary } = grid;
  return { ...crossValidate(candidates, splitHalves(questions)), ...summary };
};
