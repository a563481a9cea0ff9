import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MAX_CHUNKS_PER_DOCUMENT, type SignInThrottleOptions } from '@docent/domain';
import type { OcrSettings } from '@docent/extractors';
import { z } from 'zod';
import { type AskConfig, askConfig, askSchema } from './ask-config.ts';
import { type EmbeddingConfig, embeddingConfig, embeddingSchema } from './embedding-config.ts';
import { type ExtractionConfig, extractionConfig, extractionSchema } from './extraction-config.ts';
import { type LlmConfig, llmConfig, llmProblems, llmSchema } from './llm-config.ts';
import {
  type ObservabilityConfig,
  observabilityConfig,
  observabilityProblems,
  observabilitySchema,
} from './observability-config.ts';
import { ocrConfig, ocrProblems, ocrSchema } from './ocr-config.ts';
import { type OidcConfig, oidcConfig, oidcProblems, oidcSchema } from './oidc-config.ts';
import { prewarmBytes, prewarmSchema } from './prewarm-config.ts';
import { signInConfig, signInProblems, signInSchema } from './sign-in-config.ts';
import { type VectorSearchConfig, vectorSearchConfig, vectorSearchSchema } from './vector-search-config.ts';

const MIB = 1024 * 1024;

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The built web app: `dist/` of the `@docent/web` package, found as Node finds the package, so the same line
 * gives `apps/web/dist` in this checkout and `node_modules/@docent/web/dist` in an app that installed Docent.
 */
export const DEFAULT_WEB_DIR = path.join(
  path.dirname(fileURLToPath(import.meta.resolve('@docent/web/package.json'))),
  'dist',
);

/** Every setting of the local server, read once from the environment. README lists each. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DOCENT_DATA_DIR: z.string().min(1).default('./data'),
  // `memory` keeps everything in the process (a try-out, tests, the library's `storage: 'memory'`).
  DOCENT_STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
  DOCENT_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(50),
  DOCENT_SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 365)
    .default(168),
  DOCENT_EMBEDDER: z.enum(['use-lite', 'hashing', 'onnx', 'openai-compatible']).default('use-lite'),
  DOCENT_EMBEDDER_MODEL_DIR: z.string().min(1).optional(),
  DOCENT_EMBEDDER_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  DOCENT_EMBEDDER_MODEL: z.string().min(1).optional(),
  DOCENT_EMBEDDER_API_KEY: z.string().min(1).optional(),
  DOCENT_EMBEDDER_DIMENSIONS: z.coerce.number().int().positive().max(8192).optional(),
  DOCENT_RERANKER_MODEL_DIR: z.string().min(1).optional(),
  ...embeddingSchema,
  ...llmSchema,
  ...oidcSchema,
  ...signInSchema,
  ...extractionSchema,
  ...ocrSchema,
  ...observabilitySchema,
  ...askSchema,
  ...vectorSearchSchema,
  ...prewarmSchema,
  DOCENT_JOB_MAX_ATTEMPTS: positiveInt(3),
  DOCENT_JOB_POLL_MS: positiveInt(250),
  // Documents extracted, chunked and indexed at once (seconds each; one extracted document in memory each).
  DOCENT_PROCESSING_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  // Two documents embedding at once on the 2-core target: every document's batches share the embedder's
  // workers (DOCENT_EMBED_WORKERS), so more loops interleave more documents, not add throughput.
  DOCENT_EMBEDDING_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  DOCENT_MAX_CHUNKS_PER_DOCUMENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .default(DEFAULT_MAX_CHUNKS_PER_DOCUMENT),
  DOCENT_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DOCENT_API_DOCS: z.enum(['true', 'false']).default('true'),
  DOCENT_WEB: z.enum(['true', 'false']).default('true'),
  DOCENT_WEB_DIR: z.string().min(1).optional(),
});

/** The name of every setting (`DOCENT_*`, `PORT`, `HOST`), as the environment spells it. */
export type LocalSettingName = keyof typeof schema.shape;

export type LocalConfig = {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite`: the durable store in `dataDir`; `memory`: nothing kept after the process (no data dir, no ask workers). */
  storage: 'sqlite' | 'memory';
  maxUploadBytes: number;
  sessionTtlMs: number;
  embedder: EmbedderConfig;
  /** Embedding workers and units. */
  embedding: EmbeddingConfig;
  /** A local cross-encoder folder (ONNX, transformers.js layout) for the second-stage rerank. */
  rerankerModelDir?: string;
  llm: LlmConfig;
  /** Sign-in with an OpenID Connect provider; absent when not configured. */
  oidc?: OidcConfig;
  /** Throttling of password sign-in. */
  signIn: Required<SignInThrottleOptions>;
  jobMaxAttempts: number;
  jobPollMs: number;
  /** Limits on reading one document: characters, pages, inflated bytes, worker heap and time. */
  extraction: ExtractionConfig;
  /** OCR of scanned PDF pages and images; absent when `DOCENT_OCR=off`. */
  ocr?: OcrSettings;
  /** `document.process` jobs (extract, chunk, index) run at once, in loops of their own; also the extraction threads. */
  processingConcurrency: number;
  /** `document.embed` jobs run at once, in loops of their own (they never hold up the processing loops). */
  embeddingConcurrency: number;
  /** Most chunks one document may have; more ends `failed` with `too_large` before embedding. */
  maxChunksPerDocument: number;
  logLevel: z.infer<typeof schema>['DOCENT_LOG_LEVEL'];
  apiDocs: boolean;
  /** The built web app served at `/`; absent when `DOCENT_WEB=false`. */
  webDir?: string;
  /** `/metrics` and `/ready`. */
  observability: ObservabilityConfig;
  /** Ask worker threads, concurrency and queue bound. */
  ask: AskConfig;
  /** Exact vector search only (`false`), or when and how large owners get an approximate index. */
  vectorSearch: VectorSearchConfig;
  /** Bytes of the database file the store pre-reads when it opens (0: none). */
  prewarmBytes: number;
};

/** Which embedder to run, with what it needs. */
export type EmbedderConfig =
  | { kind: 'use-lite' }
  | { kind: 'hashing' }
  | { kind: 'onnx'; modelDir: string }
  | { kind: 'openai-compatible'; baseUrl: string; model: string; dimensions: number; apiKey?: string };

type Parsed = z.infer<typeof schema>;

// Settings that only make sense together: each embedder names what it requires.
const EMBEDDER_REQUIRES: Record<Parsed['DOCENT_EMBEDDER'], (keyof Parsed)[]> = {
  'use-lite': [],
  hashing: [],
  onnx: ['DOCENT_EMBEDDER_MODEL_DIR'],
  'openai-compatible': ['DOCENT_EMBEDDER_BASE_URL', 'DOCENT_EMBEDDER_MODEL', 'DOCENT_EMBEDDER_DIMENSIONS'],
};

const embedderConfig = (c: Parsed, cwd: string): EmbedderConfig => {
  switch (c.DOCENT_EMBEDDER) {
    case 'onnx':
      return { kind: 'onnx', modelDir: path.resolve(cwd, c.DOCENT_EMBEDDER_MODEL_DIR as string) };
    case 'openai-compatible':
      return {
        kind: 'openai-compatible',
        baseUrl: c.DOCENT_EMBEDDER_BASE_URL as string,
        model: c.DOCENT_EMBEDDER_MODEL as string,
        dimensions: c.DOCENT_EMBEDDER_DIMENSIONS as number,
        ...(c.DOCENT_EMBEDDER_API_KEY ? { apiKey: c.DOCENT_EMBEDDER_API_KEY } : {}),
      };
    default:
      return { kind: c.DOCENT_EMBEDDER };
  }
};

/** Thrown when the environment is invalid; `problems` names every one, not just the first. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

const KNOWN = new Set(Object.keys(schema.shape));

/**
 * Parses and validates the environment. Unknown `DOCENT_*` names are errors too: a typo in a
 * setting should stop the server, not be silently ignored.
 */
export const loadConfig = (env: Record<string, string | undefined>, cwd: string): LocalConfig => {
  const input = Object.fromEntries(Object.entries(env).filter(([key, value]) => KNOWN.has(key) && value !== ''));
  const parsed = schema.safeParse(input);
  const problems = Object.keys(env)
    .filter((key) => key.startsWith('DOCENT_') && !KNOWN.has(key))
    .map((key) => `${key}: unknown setting (known: ${[...KNOWN].filter((k) => k.startsWith('DOCENT_')).join(', ')})`);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.success) {
    problems.push(...llmProblems(parsed.data));
    problems.push(...oidcProblems(parsed.data));
    problems.push(...signInProblems(parsed.data));
    problems.push(...observabilityProblems(parsed.data));
    problems.push(...ocrProblems(parsed.data));
    for (const key of EMBEDDER_REQUIRES[parsed.data.DOCENT_EMBEDDER]) {
      if (parsed.data[key] === undefined)
        problems.push(`${key}: required when DOCENT_EMBEDDER=${parsed.data.DOCENT_EMBEDDER}`);
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const c = parsed.data;
  const oidc = oidcConfig(c);
  const ocr = ocrConfig(c);
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(cwd, c.DOCENT_DATA_DIR),
    storage: c.DOCENT_STORAGE,
    maxUploadBytes: Math.round(c.DOCENT_MAX_UPLOAD_MB * MIB),
    sessionTtlMs: c.DOCENT_SESSION_TTL_HOURS * 3_600_000,
    embedder: embedderConfig(c, cwd),
    embedding: embeddingConfig(c),
    ...(c.DOCENT_RERANKER_MODEL_DIR ? { rerankerModelDir: path.resolve(cwd, c.DOCENT_RERANKER_MODEL_DIR) } : {}),
    llm: llmConfig(c),
    ...(oidc === undefined ? {} : { oidc }),
    signIn: signInConfig(c),
    jobMaxAttempts: c.DOCENT_JOB_MAX_ATTEMPTS,
    jobPollMs: c.DOCENT_JOB_POLL_MS,
    extraction: extractionConfig(c),
    ...(ocr === undefined ? {} : { ocr }),
    processingConcurrency: c.DOCENT_PROCESSING_CONCURRENCY,
    embeddingConcurrency: c.DOCENT_EMBEDDING_CONCURRENCY,
    maxChunksPerDocument: c.DOCENT_MAX_CHUNKS_PER_DOCUMENT,
    logLevel: c.DOCENT_LOG_LEVEL,
    apiDocs: c.DOCENT_API_DOCS === 'true',
    observability: observabilityConfig(c),
    ask: askConfig(c),
    vectorSearch: vectorSearchConfig(c),
    prewarmBytes: prewarmBytes(c),
    ...(c.DOCENT_WEB === 'true'
      ? { webDir: c.DOCENT_WEB_DIR ? path.resolve(cwd, c.DOCENT_WEB_DIR) : DEFAULT_WEB_DIR }
      : {}),
  };
};
