import { z } from 'zod';
import { SEARCH_SETTINGS, type SearchBackends, searchBackendsOf } from './search-backends.ts';

const MIB = 1024 * 1024;
const MINUTE_MS = 60_000;
const minutes = (defaultValue: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(defaultValue);

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
  DOCENT_JOBS_QUEUE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOCENT_JOBS_DLQ_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOCENT_JOBS_TABLE: z.string().min(3).optional(),
  // The stuck-document sweeper (the `sweeper` function); see SweepStuckDocuments and docs/deploy-aws.md.
  DOCENT_SWEEP_LEASE_MINUTES: minutes(120),
  DOCENT_SWEEP_GRACE_MINUTES: minutes(60),
  DOCENT_SWEEP_MAX_ATTEMPTS: z.coerce.number().int().min(0).max(10).default(2),
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
      /** The durable job queue: the SQS queue the worker drains, its dead-letter queue, the jobs table. */
      jobs: { queueUrl: string; dlqUrl?: string; table: string };
    };

/** The validated settings of the Lambda composition root. */
export interface AwsConfig {
  region: string;
  storage: AwsStorage;
  embeddingDimensions: 256 | 512 | 1024;
  llm: { kind: 'extractive' } | { kind: 'bedrock'; modelId: string };
  maxUploadBytes: number;
  /** When the sweeper calls a document stuck, and how often it queues one again before failing it. */
  sweeper: { leaseMs: number; graceMs: number; maxAttempts: number };
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
  'DOCENT_JOBS_QUEUE_URL',
  'DOCENT_JOBS_TABLE',
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
        jobs: {
          queueUrl: c.DOCENT_JOBS_QUEUE_URL as string,
          ...(c.DOCENT_JOBS_DLQ_URL === undefined ? {} : { dlqUrl: c.DOCENT_JOBS_DLQ_URL }),
          table: c.DOCENT_JOBS_TABLE as string,
        },
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
    sweeper: {
      leaseMs: c.DOCENT_SWEEP_LEASE_MINUTES * MINUTE_MS,
      graceMs: c.DOCENT_SWEEP_GRACE_MINUTES * MINUTE_MS,
      maxAttempts: c.DOCENT_SWEEP_MAX_ATTEMPTS,
    },
  };
};
