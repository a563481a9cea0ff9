// oidc-provider ships no types; this declares the little the test provider uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** oidc-provider's configuration object (clients, findAccount, features, ...). */
  export type Configuration = Record<string, unknown>;

  /** An OpenID Provider; a Koa application. */
  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    /** A Node request listener serving every endpoint. */
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
  }
}
