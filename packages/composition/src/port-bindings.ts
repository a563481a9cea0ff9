import { TOKENS, type Token } from '@docent/domain';
import type { Container } from 'inversify';

type PortName = Exclude<
  keyof typeof TOKENS,
  | 'RegisterUser'
  | 'LogIn'
  | 'LogOut'
  | 'Authenticate'
  | 'GetProfile'
  | 'UploadDocument'
  | 'ListDocuments'
  | 'GetDocument'
  | 'GetDocumentText'
  | 'DeleteDocument'
  | 'AskQuestion'
  | 'ListHistory'
  | 'JobRunner'
>;

/** Port instances keyed like their `TOKENS` names, as the adapter factories return them. */
export type Ports = { [K in PortName]: (typeof TOKENS)[K] extends Token<infer T> ? T : never };

/** Binds every port as a constant under its token; extra keys (such as a store's `close`) are ignored. */
export const bindPorts = (container: Container, ports: Ports): void => {
  for (const name of Object.keys(ports) as (keyof Ports)[]) {
    if (name in TOKENS) container.bind(TOKENS[name]).toConstantValue(ports[name]);
  }
};
