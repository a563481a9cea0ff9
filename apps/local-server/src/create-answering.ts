import { BedrockLlm } from '@docent/adapters-aws/bedrock';
import { OpenAiCompatibleLlm } from '@docent/adapters-local';
import {
  type Answerer,
  ExtractiveAnswerer,
  GenerativeAnswerer,
  type LlmGateway,
  LlmQuestionRewriter,
  type QuestionRewriter,
} from '@docent/domain';
import type { LlmConfig } from './llm-config.ts';

/** How questions get answered: the model (if any), the answerer over it, and the follow-up rewriter. */
export interface Answering {
  llm?: LlmGateway;
  answerer: Answerer;
  /** Absent means the model-free default rewriter. */
  rewriter?: QuestionRewriter;
}

const createLlm = (config: Exclude<LlmConfig, { kind: 'extractive' }>): LlmGateway => {
  const { timeoutMs, maxRetries } = config;
  const pricing = config.pricing === undefined ? {} : { pricing: config.pricing };
  switch (config.kind) {
    case 'openai-compatible':
      return new OpenAiCompatibleLlm({
        baseUrl: config.baseUrl,
        model: config.model,
        ...(config.apiKey === undefined ? {} : { apiKey: config.apiKey }),
        timeoutMs,
        maxRetries,
        ...pricing,
      });
    case 'bedrock':
      return new BedrockLlm({
        modelId: config.modelId,
        api: config.api,
        region: config.region,
        ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        timeoutMs,
        maxRetries,
        ...pricing,
      });
  }
};

/** The extractive answerer by default; with a model configured, grounded generation and LLM rewriting. */
export const createAnswering = (config: LlmConfig): Answering => {
  if (config.kind === 'extractive') return { answerer: new ExtractiveAnswerer() };
  const llm = createLlm(config);
  return { llm, answerer: new GenerativeAnswerer(llm), rewriter: new LlmQuestionRewriter(llm) };
};
