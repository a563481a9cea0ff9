export { UsageError } from '../usage-error.ts';
export { EVAL_USAGE, evalCommand } from './eval-command.ts';
export type { SetReport } from './evaluate-set.ts';
export type { QuestionResult } from './pipeline.ts';
export type { PipelineReport } from './pipeline-report.ts';
export { formatReport } from './report-format.ts';
export { type EvaluationOptions, type EvaluationReport, runEvaluation } from './run-evaluation.ts';
