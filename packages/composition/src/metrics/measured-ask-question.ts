import type { AskQuestionUseCase, Metrics } from '@docent/domain';
import { intercept } from './intercept.ts';

/** Counts answered questions and abstentions ("not found in your documents"), and times each answer. */
export const measuredAskQuestion = (inner: AskQuestionUseCase, metrics: Metrics, now: () => number) =>
  intercept<AskQuestionUseCase>(inner, {
    async execute(principal, input, options) {
      const started = now();
      const answer = await inner.execute(principal, input, options);
      metrics.increment('questionsAsked', {});
      if (answer.abstained) metrics.increment('questionsAbstained', {});
      metrics.observe('askSeconds', (now() - started) / 1000, {});
      return answer;
    },
  });
