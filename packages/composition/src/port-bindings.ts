import { TOKENS, type Token } from '@docent/domain';
import type { Container } from 'inversify';

type PortName = Exclude<
  keyof typeof TOKENS,
  | 'RegisterUser'
  | 'LogIn'
  | 'LogOut'
  | 'Authenticate'
  | 'StartOidcLogin'
  | 'FinishOidcLogin'
  | 'GetProfile'
  | 'UploadDocument'
  | 'RequestUpload'
  | 'ProcessUploadedDocument'
  | 'ListDocuments'
  | 'GetDocument'
  | 'GetDocumentText'
  | 'DeleteDocument'
  | 'RetryDocument'
  | 'ReindexDocuments'
  | 'AskQuestion'
  | 'ListHistory'
  | 'JobRunner'
>;

type PortOf<K extends PortName> = (typeof TOKENS)[K] extends Token<infer T> ? T : never;

/**
 * Port instances keyed like their `TOKENS` names, as the adapter factories return them. A
 * language model is optional (without one, answers are extractive), and so are an OpenID Connect
 * provider (without one, only passwords sign in) and an upload signer (without one, files come
 * through the API only).
 */
export type Ports = { [K in Exclude<PortName, 'LlmGateway' | 'OidcClient' | 'UploadSigner'>]: PortOf<K> } & {
  LlmGateway?: PortOf<'LlmGateway'>;
  OidcClient?: PortOf<'OidcClient'>;
  UploadSigner?: PortOf<'UploadSigner'>;
};

/** Binds every port given as a constant under its token; extra keys (such as a store's `close`) are ignored. */
export const bindPorts = (container: Container, ports: Ports): void => {
  for (const name of Object.keys(ports) as (keyof Ports)[]) {
    const port = ports[name];
    if (name in TOKENS && port !== undefined) container.bind(TOKENS[name]).toConstantValue(port);
  }
};
