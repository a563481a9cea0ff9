import { z } from 'zod';

/** Which answerer runs, with what its model needs. */
export type LlmConfig =
  | { kind: 'extractive' }
  | {
      kind: 'openai-compatible';
      baseUrl: string;
      model: string;
      apiKey?: string;
      timeoutMs: number;
      maxRetries: number;
      pricing?: { inputPerMillion: number; outputPerMillion: number };
    }
  | {
      kind: 'bedrock';
      modelId: string;
      api: 'invoke' | 'converse';
      region: string;
      /** An endpoint override (a VPC endpoint, or a local server in tests). */
      endpoint?: string;
      timeoutMs: number;
      maxRetries: number;
      pricing?: { inputPerMillion: number; outputPerMillion: number };
    };

const price = z.coerce.number().min(0).max(1000).optional();

/** The `DOCENT_LLM*` settings; merged into the server's one schema. */
export const llmSchema = {
  DOCENT_LLM: z.enum(['extractive', 'bedrock', 'openai-compatible']).default('extractive'),
  DOCENT_LLM_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOCENT_LLM_MODEL: z.string().min(1).optional(),
  DOCENT_LLM_API_KEY: z.string().min(1).optional(),
  DOCENT_LLM_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1')
    .optional(),
  DOCENT_LLM_BEDROCK_API: z.enum(['invoke', 'converse']).default('invoke'),
  DOCENT_LLM_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(60_000),
  DOCENT_LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  DOCENT_LLM_PRICE_INPUT: price,
  DOCENT_LLM_PRICE_OUTPUT: price,
};

const llmObject = z.object(llmSchema);
type LlmSettings = z.infer<typeof llmObject>;

/** The model Bedrock answers with when `DOCENT_LLM_MODEL` is not set: the design's Claude 3 Haiku. */
export const DEFAULT_BEDROCK_MODEL = 'anthropic.claude-3-haiku-20240307-v1:0';

/** Problems of settings that only make sense together, each naming the setting. */
export const llmProblems = (c: LlmSettings): string[] => {
  const problems: string[] = [];
  if (c.DOCENT_LLM === 'openai-compatible') {
    for (const key of ['DOCENT_LLM_BASE_URL', 'DOCENT_LLM_MODEL'] as const) {
      if (c[key] === undefined) problems.push(`${key}: required when DOCENT_LLM=openai-compatible`);
    }
  }
  if ((c.DOCENT_LLM_PRICE_INPUT === undefined) !== (c.DOCENT_LLM_PRICE_OUTPUT === undefined)) {
    problems.push('DOCENT_LLM_PRICE_INPUT, DOCENT_LLM_PRICE_OUTPUT: set both or neither');
  }
  return problems;
};

/** The answerer configuration from validated settings (check `llmProblems` first). */
export const llmConfig = (c: LlmSettings): LlmConfig => {
  const common = {
    timeoutMs: c.DOCENT_LLM_TIMEOUT_MS,
    maxRetries: c.DOCENT_LLM_MAX_RETRIES,
    ...(c.DOCENT_LLM_PRICE_INPUT !== undefined && c.DOCENT_LLM_PRICE_OUTPUT !== undefined
      ? { pricing: { inputPerMillion: c.DOCENT_LLM_PRICE_INPUT, outputPerMillion: c.DOCENT_LLM_PRICE_OUTPUT } }
      : {}),
  };
  switch (c.DOCENT_LLM) {
    case 'extractive':
      return { kind: 'extractive' };
    case 'openai-compatible':
      return {
        kind: 'openai-compatible',
        baseUrl: c.DOCENT_LLM_BASE_URL as string,
        model: c.DOCENT_LLM_MODEL as string,
        ...(c.DOCENT_LLM_API_KEY ? { apiKey: c.DOCENT_LLM_API_KEY } : {}),
        ...common,
      };
    case 'bedrock':
      return {
        kind: 'bedrock',
        modelId: c.DOCENT_LLM_MODEL ?? DEFAULT_BEDROCK_MODEL,
        api: c.DOCENT_LLM_BEDROCK_API,
        region: c.DOCENT_LLM_REGION ?? 'us-east-1',
        ...(c.DOCENT_LLM_BASE_URL ? { endpoint: c.DOCENT_LLM_BASE_URL } : {}),
        ...common,
      };
  }
};
