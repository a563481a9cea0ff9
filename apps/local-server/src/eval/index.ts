export { EVAL_USAGE, evalCommand, UsageError } from './eval-command.ts';
export { formatReport } from './report-format.ts';
export {
  type EvaluationOptions,
  type EvaluationReport,
  type PipelineReport,
  type QuestionResult,
  runEvaluation,
} from './run-evaluation.ts';
