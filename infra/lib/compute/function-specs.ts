/** How one Lambda function is sized, and which apps/lambda/src entry it runs. */
export interface FunctionSpec {
  /** The file in apps/lambda/src whose `handler` export the function runs. */
  entry: string;
  /** Memory in MB (CPU grows with it). */
  memorySize: number;
  /** The longest one invocation may run. */
  timeoutSeconds: number;
  /** Shown in the Lambda console. */
  description: string;
}

/**
 * The eight functions. auth, documents and query run the same Fastify app (api-handler.ts): each serves
 * only the routes API Gateway sends it, so each gets its own size, alarms and least-privilege role.
 * stream runs that app too (stream-handler.ts), behind a Function URL in response-stream mode instead of
 * API Gateway, so an answer streamed as server-sent events is not cut at API Gateway's 29 s.
 */
export const FUNCTION_SPECS = {
  auth: {
    entry: 'api-handler.ts',
    memorySize: 512,
    timeoutSeconds: 30,
    description: 'Docent API: /auth/* and /health',
  },
  documents: {
    entry: 'api-handler.ts',
    memorySize: 1024,
    timeoutSeconds: 30,
    description: 'Docent API: /documents/*',
  },
  query: {
    entry: 'api-handler.ts',
    memorySize: 1024,
    timeoutSeconds: 30,
    description: 'Docent API: /query/*',
  },
  stream: {
    entry: 'stream-handler.ts',
    memorySize: 1024,
    timeoutSeconds: 900,
    description: 'Docent: POST /query/ask as server-sent events (Function URL, response streaming)',
  },
  // S3 ObjectCreated under documents/ only enqueues a `document.process` job: the worker does the work.
  processing: {
    entry: 'processing-handler.ts',
    memorySize: 512,
    timeoutSeconds: 60,
    description: 'Docent: enqueues processing of each upload under documents/',
  },
  worker: {
    entry: 'worker-handler.ts',
    memorySize: 1024,
    timeoutSeconds: 900,
    description: 'Docent: runs queued jobs (extract, chunk, embed, index) from the jobs queue',
  },
  sweeper: {
    entry: 'sweeper-handler.ts',
    memorySize: 512,
    timeoutSeconds: 300,
    description: 'Docent: re-queues or fails documents stuck in flight (scheduled)',
  },
  authorizer: {
    entry: 'authorizer-handler.ts',
    memorySize: 256,
    timeoutSeconds: 10,
    description: 'Docent: API Gateway TOKEN authorizer (verifies Cognito tokens)',
  },
} as const satisfies Record<string, FunctionSpec>;

/** The role of a function: its key in {@link FUNCTION_SPECS}. */
export type FunctionName = keyof typeof FUNCTION_SPECS;

/** Every function name, in a stable order. */
export const FUNCTION_NAMES = Object.keys(FUNCTION_SPECS) as FunctionName[];
