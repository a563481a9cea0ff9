import { createInMemoryAdapters, type InMemoryAdapters } from '@docent/adapters-inmemory';
import {
  type Answerer,
  type AskAdmissionOptions,
  type Clock,
  createUseCases,
  ExtractiveAnswerer,
  type OidcClient,
  type Resolver,
  type SignInThrottleOptions,
  type TextExtractor,
  TOKENS,
  type Token,
  USE_CASE_TOKENS,
  type UseCases,
} from '@docent/domain';
import { PlainTextExtractor } from './plain-text-extractor.ts';

/** Options of `createInMemoryDocent`. */
export interface InMemoryDocentOptions {
  /** Largest upload the domain accepts (default: the domain's 50 MiB). */
  maxUploadBytes?: number;
  /** Default: the plain-text and Markdown extractor of this folder. */
  extractor?: TextExtractor;
  /** Default: the domain's extractive answerer. */
  answerer?: Answerer;
  /** Time for every adapter and the HTTP layer's expiring stores (default: the system clock). */
  clock?: Clock;
  /** An OpenID Connect provider client; without one, provider sign-in is off. */
  oidc?: OidcClient;
  /** Admission control of asks (default: none). */
  askAdmission?: AskAdmissionOptions;
  /** Sign-in throttling policy (default: the domain's). */
  signIn?: SignInThrottleOptions;
}

/** The whole application over in-memory adapters: what a composition root builds, minus persistence. */
export interface InMemoryDocent {
  /** Every port and use case by its TOKENS key. */
  resolver: Resolver;
  adapters: InMemoryAdapters;
  /** Runs due background jobs (document processing) until none is left; returns how many ran. */
  drainJobs(): Promise<number>;
}

/** A resolver over a fixed map; asking for an unbound token is a wiring bug and throws. */
const mapResolver = (bindings: ReadonlyMap<symbol, unknown>): Resolver => ({
  get<T>(token: Token<T>): T {
    if (!bindings.has(token)) throw new Error(`Nothing is bound to ${token.description}`);
    return bindings.get(token) as T;
  },
});

/**
 * Wires the real domain use cases over the real in-memory adapters, a real extractor and the
 * extractive answerer. Background processing runs only when `drainJobs` is called, so tests decide
 * when documents become ready.
 */
export const createInMemoryDocent = (options: InMemoryDocentOptions = {}): InMemoryDocent => {
  const adapters = createInMemoryAdapters(options.clock === undefined ? {} : { clock: options.clock });
  const extractor = options.extractor ?? new PlainTextExtractor();
  const answerer = options.answerer ?? new ExtractiveAnswerer();
  const useCases = createUseCases(
    {
      ...adapters,
      TextExtractor: extractor,
      Answerer: answerer,
      ...(options.oidc === undefined ? {} : { OidcClient: options.oidc }),
    },
    {
      ...(options.maxUploadBytes === undefined ? {} : { upload: { maxBytes: options.maxUploadBytes } }),
      ...(options.askAdmission === undefined ? {} : { askAdmission: options.askAdmission }),
      ...(options.signIn === undefined ? {} : { signIn: options.signIn }),
    },
  );
  const runner = useCases.jobRunner;
  const bindings = new Map<symbol, unknown>([
    ...Object.entries(adapters).map(([name, adapter]) => [TOKENS[name as keyof InMemoryAdapters], adapter] as const),
    [TOKENS.TextExtractor, extractor],
    [TOKENS.Answerer, answerer],
    ...(options.oidc === undefined ? [] : [[TOKENS.OidcClient, options.oidc] as const]),
    ...Object.entries(useCases).map(([name, useCase]) => [USE_CASE_TOKENS[name as keyof UseCases], useCase] as const),
  ]);

  return {
    resolver: mapResolver(bindings),
    adapters,
    async drainJobs() {
      let ran = 0;
      while (await runner.runNext()) ran++;
      return ran;
    },
  };
};
