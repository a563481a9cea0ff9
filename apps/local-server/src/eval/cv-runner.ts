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
import { expandGrid, type GridPoint, type Knob, type SkippedKnob, usableKnobs } from './knob-grid.ts';
import type { QuestionOutcome } from './metrics.ts';
import { toOutcome } from './pipeline.ts';
import type { QaQuestion } from './qa-set.ts';
import { EVAL_DEPTH } from './span-ranks.ts';

/** The cross-validation result with what was tuned. */
export interface CrossValidationReport extends CrossValidationResult {
  knobs: Knob[];
  skipped: Array<{ target: string; name: string; reason: string }>;
  /** Grid points tried, besides the configuration as composed. */
  gridPoints: number;
  elapsedMs: number;
}

/**
 * AskQuestion for one grid point, over the session's own ports: a child container that overrides
 * the embedder (cached query vectors) and, for answerer knobs, the answerer, then binds the use
 * cases exactly as the composition does, with the point's options. Nothing is re-ingested.
 */
const askQuestionFor = (container: Container, point: GridPoint, embedder: Embedder): AskQuestionUseCase => {
  const child = new Container({ parent: container });
  child.bind(TOKENS.Embedder).toConstantValue(embedder);
  if (Object.keys(point.answerer).length > 0) {
    child.bind(TOKENS.Answerer).toConstantValue(new ExtractiveAnswerer(point.answerer as ExtractiveAnswererOptions));
  }
  bindUseCases(child, { ask: point.ask as AskQuestionOptions });
  return child.get(TOKENS.AskQuestion);
};

/**
 * Two-fold cross-validation of the ask-time knobs: every question is asked once per grid point
 * (and once as composed), then a configuration is chosen on each half and reported on the other.
 */
export const runCrossValidation = async (
  session: EvalSession,
  questions: readonly QaQuestion[],
  embedder: Embedder,
  knobs: readonly Knob[],
  onProgress?: (message: string) => void,
): Promise<CrossValidationReport> => {
  const started = performance.now();
  const answerer = session.resolver.get(TOKENS.Answerer);
  const { used, skipped } = usableKnobs(knobs, { ask: true, answerer: answerer.id === 'extractive' });
  const points = expandGrid(used);
  const outcomesOf = async (ask: AskQuestionUseCase): Promise<Map<string, QuestionOutcome>> => {
    const outcomes = new Map<string, QuestionOutcome>();
    for (const q of questions) {
      const answer = await ask.execute(session.principal, { question: q.question, topK: EVAL_DEPTH });
      outcomes.set(q.id, toOutcome(q, { passages: answer.sources, abstained: answer.abstained }));
    }
    return outcomes;
  };
  const candidates: CandidateOutcomes[] = [
    { point: { ask: {}, answerer: {} }, outcomes: await outcomesOf(session.resolver.get(TOKENS.AskQuestion)) },
  ];
  for (const [i, point] of points.entries()) {
    candidates.push({ point, outcomes: await outcomesOf(askQuestionFor(session.container, point, embedder)) });
    onProgress?.(`cross-validation: ${i + 1}/${points.length} grid points`);
  }
  return {
    ...crossValidate(candidates, splitHalves(questions)),
    knobs: used,
    skipped: skipped.map(({ knob, reason }: SkippedKnob) => ({ target: knob.target, name: knob.name, reason })),
    gridPoints: points.length,
    elapsedMs: performance.now() - started,
  };
};
