import { z } from 'zod';
import { SEARCH_SETTINGS, type SearchBackends, searchBackendsOf } from './search-backends.ts';

const MIB = 1024 * 1024;

/** Every setting of the Lambda functions, read once per cold start. The CDK stack sets them. */
const schema = z.object({
  AWS_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-east-1'),
  DOCENT_STORAGE: z.enum(['aws', 'memory']).default('aws'),
  DOCENT_DOCUMENTS_TABLE: z.string().min(3).optional(),
  DOCENT_HISTORY_TABLE: z.string().min(3).optional(),
  DOCENT_USERS_TABLE: z.string().min(3).optional(),
  DOCENT_LOGIN_ATTEMPTS_TABLE: z.string().min(3).optional(),
  DOCENT_BUCKET: z.string().min(3).optional(),
  ...SEARCH_SETTINGS,
  DOCENT_USER_POOL_ID: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d_\w+$/, 'a Cognito user pool id')
    .optional(),
  DOCENT_USER_POOL_CLIENT_ID: z.string().min(1).optional(),
  DOCENT_EMBEDDING_DIMENSIONS: z.enum(['256', '512', '1024']).default('1024'),
  DOCENT_LLM: z.enum(['bedrock', 'extractive']).default('bedrock'),
  DOCENT_LLM_MODEL: z.string().min(1).default('anthropic.claude-3-haiku-20240307-v1:0'),
  DOCENT_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
});

type Parsed = z.infer<typeof schema>;

/** Where the functions keep their data. */
export type AwsStorage =
  | { kind: 'memory' }
  | {
      kind: 'aws';
      documentsTable: string;
      historyTable: string;
      usersTable: string;
      /** Failed sign-in counters, shared by every instance. */
      loginAttemptsTable: string;
      bucket: string;
      /** Where the vector and lexical indexes live. */
      search: SearchBackends;
      userPoolId: string;
      userPoolClientId: string;
    };

/** The validated settings of the Lambda composition root. */
export interface AwsConfig {
  region: string;
  storage: AwsStorage;
  embeddingDimensions: 256 | 512 | 1024;
  llm: { kind: 'extractive' } | { kind: 'bedrock'; modelId: string };
  maxUploadBytes: number;
}

// With real storage every resource must be named: a missing one would fail at the first request instead.
const AWS_REQUIRES: (keyof Parsed)[] = [
  'DOCENT_DOCUMENTS_TABLE',
  'DOCENT_HISTORY_TABLE',
  'DOCENT_USERS_TABLE',
  'DOCENT_LOGIN_ATTEMPTS_TABLE',
  'DOCENT_BUCKET',
  'DOCENT_USER_POOL_ID',
  'DOCENT_USER_POOL_CLIENT_ID',
];

/** Thrown when the environment is invalid; `problems` names every one. */
export class AwsConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'AwsConfigError';
    this.problems = problems;
  }
}

const KNOWN = new Set(Object.keys(schema.shape));

const storageOf = (c: Parsed, search: SearchBackends | undefined): AwsStorage =>
  c.DOCENT_STORAGE === 'memory' || search === undefined
    ? { kind: 'memory' }
    : {
        kind: 'aws',
        documentsTable: c.DOCENT_DOCUMENTS_TABLE as string,
        historyTable: c.DOCENT_HISTORY_TABLE as string,
        usersTable: c.DOCENT_USERS_TABLE as string,
        loginAttemptsTable: c.DOCENT_LOGIN_ATTEMPTS_TABLE as string,
        bucket: c.DOCENT_BUCKET as string,
        search,
        userPoolId: c.DOCENT_USER_POOL_ID as string,
        userPoolClientId: c.DOCENT_USER_POOL_CLIENT_ID as string,
      };

/**
 * Parses the functions' environment. `DOCENT_STORAGE=memory` runs the handlers over in-memory adapters
 * (a try-out without AWS resources; data lives as long as the container). Unknown `DOCENT_*` names are
 * errors, so a typo in the stack stops the function at its cold start with every problem named.
 */
export const loadAwsConfig = (env: Record<string, string | undefined>): AwsConfig => {
  const input = Object.fromEntries(Object.entries(env).filter(([key, value]) => KNOWN.has(key) && value !== ''));
  const parsed = schema.safeParse(input);
  const problems = Object.keys(env)
    .filter((key) => key.startsWith('DOCENT_') && !KNOWN.has(key))
    .map((key) => `${key}: unknown setting`);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  } else if (parsed.data.DOCENT_STORAGE === 'aws') {
    for (const key of AWS_REQUIRES) {
      if (parsed.data[key] === undefined) problems.push(`${key}: required when DOCENT_STORAGE=aws`);
    }
  }
  const search =
    parsed.success && parsed.data.DOCENT_STORAGE === 'aws' ? searchBackendsOf(parsed.data, problems) : undefined;
  if (problems.length > 0 || !parsed.success) throw new AwsConfigError(problems);
  const c = parsed.data;
  return {
    region: c.AWS_REGION,
    storage: storageOf(c, search),
    embeddingDimensions: Number(c.DOCENT_EMBEDDING_DIMENSIONS) as 256 | 512 | 1024,
    llm: c.DOCENT_LLM === 'bedrock' ? { kind: 'bedrock', modelId: c.DOCENT_LLM_MODEL } : { kind: 'extractive' },
    maxUploadBytes: Math.round(c.DOCENT_MAX_UPLOAD_MB * MIB),
  };
};
