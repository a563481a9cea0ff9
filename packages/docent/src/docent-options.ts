import path from 'node:path';
import { DocentError } from '@docent/domain';
import { ConfigError, type LocalConfig, type LocalSettingName, loadConfig } from '@docent/local-server';
import { z } from 'zod';

/** A setting's value as the environment would give it; numbers and booleans are written out. */
export type SettingValue = string | number | boolean;

/** Options of `createDocent`. Everything but where the data lives has a default. */
export interface DocentOptions {
  /** Folder of the embedded store (SQLite file, blobs, lock); created if missing. Required unless `storage: 'memory'`. */
  dataDir?: string;
  /** `sqlite` (the default): durable, in `dataDir`. `memory`: nothing is kept after `close()`. */
  storage?: 'sqlite' | 'memory';
  /** The embedder (default `use-lite`, offline); `hashing` is fast and crude, for tests. Same as `DOCENT_EMBEDDER`. */
  embedder?: 'use-lite' | 'hashing' | 'onnx' | 'openai-compatible';
  /** Email of the account that `owner`-less calls act for (default `local@docent.invalid`, created on first use). */
  defaultUser?: string;
  /**
   * Any other setting of the local server by its environment name (README, "Settings"), e.g.
   * `{ DOCENT_LLM: 'openai-compatible', DOCENT_LLM_BASE_URL: '...', DOCENT_ASK_WORKERS: 0 }`.
   * Settings only a web server has (`PORT`, `DOCENT_WEB`, `DOCENT_OIDC_*`, ...) are refused.
   */
  settings?: Partial<Record<LocalSettingName, SettingValue>>;
  /** Told of errors of the background processing loop itself (a store outage); default `console.error`. */
  onError?: (error: unknown) => void;
}

/** What `createDocent` builds from valid options. */
export interface ResolvedOptions {
  config: LocalConfig;
  defaultUser: string | undefined;
  onError: (error: unknown) => void;
}

const optionsSchema = z
  .object({
    dataDir: z.string().min(1).optional(),
    storage: z.enum(['sqlite', 'memory']).default('sqlite'),
    embedder: z.enum(['use-lite', 'hashing', 'onnx', 'openai-compatible']).optional(),
    defaultUser: z.string().min(1).optional(),
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    onError: z
      .custom<(error: unknown) => void>((value) => typeof value === 'function', 'must be a function')
      .optional(),
  })
  .strict();

// The typed options above set these; saying them twice would leave a reader guessing which wins.
const SET_BY_OPTIONS: Record<string, string> = {
  DOCENT_DATA_DIR: 'dataDir',
  DOCENT_STORAGE: 'storage',
  DOCENT_EMBEDDER: 'embedder',
};
/** Settings of the HTTP server: there is no server in a library. */
const SERVER_ONLY =
  /^(PORT|HOST|DOCENT_(WEB|WEB_DIR|API_DOCS|METRICS|METRICS_TOKEN|READY_WORKER_SECONDS|LOG_LEVEL|SESSION_TTL_HOURS|OIDC_\w+|SIGNIN_\w+))$/;

/** Problems of the `settings` keys themselves; `loadConfig` judges their values. */
const settingNameProblems = (settings: Record<string, SettingValue>): string[] =>
  Object.keys(settings).flatMap((name) => {
    if (name in SET_BY_OPTIONS) return [`settings.${name}: use the ${SET_BY_OPTIONS[name]} option instead`];
    if (SERVER_ONLY.test(name)) return [`settings.${name}: a setting of the web server; createDocent serves no HTTP`];
    if (!name.startsWith('DOCENT_')) return [`settings.${name}: unknown setting`];
    return [];
  });

/** The environment-shaped record `loadConfig` reads: the typed options, the settings, and no web server. */
const toEnvironment = (options: z.infer<typeof optionsSchema>): Record<string, string> => ({
  ...Object.fromEntries(Object.entries(options.settings).map(([name, value]) => [name, String(value)])),
  DOCENT_STORAGE: options.storage,
  ...(options.dataDir === undefined ? {} : { DOCENT_DATA_DIR: path.resolve(options.dataDir) }),
  ...(options.embedder === undefined ? {} : { DOCENT_EMBEDDER: options.embedder }),
  DOCENT_WEB: 'false',
  DOCENT_METRICS: 'false',
});

const invalid = (problems: string[]): DocentError =>
  new DocentError('validation_failed', `Invalid Docent options:\n  - ${problems.join('\n  - ')}`, {
    details: { problems },
  });

/**
 * Checks the options and resolves them into the local server's configuration, with the same
 * schema and defaults. Throws one `validation_failed` naming every problem (`details.problems`).
 */
export const resolveOptions = (input: unknown): ResolvedOptions => {
  const parsed = optionsSchema.safeParse(input ?? {});
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
  // Bad typed options do not hide bad settings: the settings are judged on their own then.
  const options = parsed.success ? parsed.data : settingsOnly(input);
  problems.push(...settingNameProblems(options.settings));
  if (parsed.success && options.storage === 'sqlite' && options.dataDir === undefined) {
    problems.push("dataDir: required with storage 'sqlite' (or pass storage: 'memory')");
  }
  if (parsed.success && options.storage === 'memory' && options.dataDir !== undefined) {
    problems.push("dataDir: a store in memory has no data directory (drop it, or use storage: 'sqlite')");
  }
  let config: LocalConfig | undefined;
  try {
    config = loadConfig(toEnvironment(options), process.cwd());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(
      ...error.problems.map((problem) => (problem.startsWith('DOCENT_') ? `settings.${problem}` : problem)),
    );
  }
  if (problems.length > 0 || config === undefined) throw invalid(problems);
  return {
    config,
    defaultUser: options.defaultUser,
    onError: options.onError ?? ((error) => console.error('docent: background processing failed:', error)),
  };
};

/** The settings of options that failed the schema, when they at least form a record, for checking alone. */
const settingsOnly = (input: unknown): z.infer<typeof optionsSchema> => {
  const settings = optionsSchema.shape.settings.safeParse((input as { settings?: unknown } | null)?.settings);
  return { storage: 'memory', settings: settings.success ? settings.data : {} };
};
