import {
  createUseCases,
  type Ports,
  TOKENS,
  type Token,
  USE_CASE_TOKENS,
  type UseCaseOptions,
  type UseCases,
} from '@docent/domain';
import type { Container } from 'inversify';

/** Ports whose absence switches a feature off rather than being a wiring error. */
const OPTIONAL_PORTS = ['LlmGateway', 'OidcClient', 'UploadSigner', 'UserDirectory'] as const;
const REQUIRED_PORTS = [
  'Answerer',
  'BlobStore',
  'ChunkRepository',
  'Clock',
  'DocumentRepository',
  'Embedder',
  'IdentityProvider',
  'Ids',
  'JobQueue',
  'LexicalIndex',
  'LoginAttempts',
  'QueryHistoryRepository',
  'TextExtractor',
  'UnitOfWork',
  'VectorIndex',
] as const satisfies readonly (keyof Ports)[];

/** The ports as the container hands them out (so activation hooks, such as the metrics, apply). */
const portsOf = (container: Container): Ports => {
  const ports: Partial<Record<keyof Ports, unknown>> = {};
  for (const name of REQUIRED_PORTS) ports[name] = container.get(TOKENS[name]);
  for (const name of OPTIONAL_PORTS) if (container.isBound(TOKENS[name])) ports[name] = container.get(TOKENS[name]);
  return ports as Ports;
};

/** The port each optional use case needs. */
const OPTIONAL_USE_CASE_PORTS: Partial<Record<keyof UseCases, (typeof OPTIONAL_PORTS)[number]>> = {
  startOidcLogin: 'OidcClient',
  finishOidcLogin: 'OidcClient',
  requestUpload: 'UploadSigner',
  addUser: 'UserDirectory',
  listUsers: 'UserDirectory',
  findUser: 'UserDirectory',
};

/**
 * Binds under their tokens the use cases `createUseCases` builds over the ports already bound:
 * a thin adapter for the roots that keep inversify (local server, Lambda, eval). They are built
 * once, when the first one is resolved, so ports bound or decorated until then are used; the
 * optional ones are bound only when their port is.
 */
export const bindUseCases = (container: Container, options: UseCaseOptions = {}): void => {
  let built: UseCases | undefined;
  const useCases = (): UseCases => {
    built ??= createUseCases(portsOf(container), options);
    return built;
  };
  for (const [name, token] of Object.entries(USE_CASE_TOKENS) as [keyof UseCases, Token<unknown>][]) {
    const optionalPort = OPTIONAL_USE_CASE_PORTS[name];
    if (optionalPort !== undefined && !container.isBound(TOKENS[optionalPort])) continue;
    container
      .bind(token)
      .toDynamicValue(() => useCases()[name])
      .inSingletonScope();
  }
};

/**
 * The use cases as the container hands them out (with its activation hooks, such as the metrics'
 * measured AskQuestion): for code that wants the typed object rather than tokens.
 */
export const resolveUseCases = (container: Container): UseCases => {
  const resolved: Partial<Record<keyof UseCases, unknown>> = {};
  for (const [name, token] of Object.entries(USE_CASE_TOKENS) as [keyof UseCases, Token<unknown>][]) {
    if (container.isBound(token)) resolved[name] = container.get(token);
  }
  return resolved as UseCases;
};
