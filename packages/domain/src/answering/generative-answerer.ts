import type { LlmGateway, LlmUsage } from '../ports/llm-gateway.ts';
import { buildAnswerPrompt } from './answer-prompt.ts';
import type { AnswerDraft, Answerer, AnswerOptions, AnswerRequest, AnswerUsage } from './answerer.ts';
import { NOT_FOUND_TEXT } from './answerer.ts';
import { groundAnswer } from './ground-answer.ts';

/** Options of {@link GenerativeAnswerer}. */
export interface GenerativeAnswererOptions {
  /** Upper bound of generated tokens (default 512). */
  maxTokens?: number;
  /** Sampling temperature (default 0). */
  temperature?: number;
  /** Least support a cited span must give its sentence; see `GroundingOptions.minSupport` (default 0.34). */
  minSupport?: number;
  /** The text of an abstention (default "Not found in your documents."). */
  abstainText?: string;
}

/**
 * Answers with a language model, then checks every `[n]` marker of the reply against passage n
 * (`groundAnswer`): supported markers become citations with exact offsets, unsupported sentences
 * are flagged, and a reply with no supported sentence (a refusal, or a model that obeyed an
 * instruction planted in a document) becomes an abstention. The reply streams to `onText` as it
 * is generated, before that check.
 */
export class GenerativeAnswerer implements Answerer {
  /** The model's id, e.g. `bedrock:anthropic.claude-3-haiku-20240307-v1:0`. */
  readonly id: string;
  readonly #llm: LlmGateway;
  readonly #options: GenerativeAnswererOptions;

  constructor(llm: LlmGateway, options: GenerativeAnswererOptions = {}) {
    this.id = llm.id;
    this.#llm = llm;
    this.#options = options;
  }

  /** Generates, grounds and prices an answer. Errors of the model pass through unchanged. */
  async answer(request: AnswerRequest, options: AnswerOptions = {}): Promise<AnswerDraft> {
    const { maxTokens, temperature, minSupport, abstainText = NOT_FOUND_TEXT } = this.#options;
    // Without evidence the only right answer is the abstention: no need to pay a model for it.
    if (request.passages.length === 0) return { text: abstainText, abstained: true, citations: [], unsupported: [] };
    const prompt = buildAnswerPrompt(request, { maxTokens, temperature });
    const { signal, onText } = options;
    const response = await this.#llm.generate(prompt, {
      ...(signal === undefined ? {} : { signal }),
      ...(onText === undefined ? {} : { onText }),
    });
    const grounded = groundAnswer(response.text, request.passages, { minSupport, abstainText });
    const usage = response.usage === undefined ? undefined : this.#usage(response.usage);
    return {
      text: grounded.text,
      abstained: grounded.abstained,
      citations: grounded.citations,
      unsupported: grounded.unsupported,
      ...(usage === undefined ? {} : { usage }),
    };
  }

  #usage(tokens: LlmUsage): AnswerUsage {
    const { pricing } = this.#llm;
    const usage: AnswerUsage = { model: this.id, inputTokens: tokens.inputTokens, outputTokens: tokens.outputTokens };
    if (pricing === undefined) return usage;
    const cost = tokens.inputTokens * pricing.inputPerMillion + tokens.outputTokens * pricing.outputPerMillion;
    return { ...usage, costUsd: cost / 1e6 };
  }
}
