import type { Answer, AskQuestionInput, Principal, UseCases } from '@docent/domain';
import type { AskEvent, AskOptions, AskStream } from './docent-api.ts';
import { EventLog } from './event-log.ts';

/** The question and the options `AskQuestion` takes as input. */
const toInput = (question: string, options: AskOptions): AskQuestionInput => ({
  question,
  ...(options.documentIds === undefined ? {} : { documentIds: options.documentIds }),
  ...(options.topK === undefined ? {} : { topK: options.topK }),
  ...(options.conversationId === undefined ? {} : { conversationId: options.conversationId }),
});

/** An ask under way, with the HTTP stream's events: text pieces, then the sources and the answer. */
class AnswerStream extends EventLog<AskEvent, Answer> implements AskStream {
  get answer(): Promise<Answer> {
    return Promise.resolve(this);
  }
}

/** Asks through the composed `AskQuestion` (the ask workers and admission control included). */
export const ask = (
  deps: { useCases: UseCases; principal(owner: string | undefined): Promise<Principal> },
  question: string,
  options: AskOptions = {},
): AskStream =>
  new AnswerStream(async (emit) => {
    const principal = await deps.principal(options.owner);
    const answer = await deps.useCases.askQuestion.execute(principal, toInput(question, options), {
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onText: (text) => {
        if (text !== '') emit({ type: 'token', text });
      },
    });
    emit({ type: 'sources', sources: answer.sources });
    emit({ type: 'answer', answer });
    return answer;
  });
