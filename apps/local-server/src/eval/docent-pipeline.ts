import type { AnswerCitation } from './answer-metrics.ts';
import type { EvalSession } from './eval-session.ts';
import type { Pipeline } from './pipeline.ts';
import { EVAL_DEPTH } from './span-ranks.ts';

interface AskResponse {
  answer: string;
  abstained: boolean;
  citations: AnswerCitation[];
  sources: Array<{ documentName: string; text: string }>;
  timings: { totalMs: number };
}

/**
 * Docent as a user reaches it: `POST /query/ask` through the HTTP app (validation, auth, use case,
 * presenter), asking for the top 10 sources. Abstention is the response's `abstained` flag.
 */
export const docentPipeline = (session: EvalSession): Pipeline => ({
  key: 'docent',
  label: 'Docent',
  async ask(question) {
    const started = performance.now();
    const body = await session.request<AskResponse>({
      method: 'POST',
      url: '/query/ask',
      payload: { question: question.question, topK: EVAL_DEPTH },
    });
    const wallMs = performance.now() - started;
    return {
      passages: body.sources.map((s) => ({ documentName: s.documentName, text: s.text })),
      abstained: body.abstained,
      answer: body.answer,
      citations: body.citations,
      wallMs,
      serverMs: body.timings.totalMs,
    };
  },
});
