import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One person the test provider knows, by login name. */
export interface OidcTestAccount {
  email: string;
  email_verified: boolean;
}

/** Options of `startOidcTestProvider`. */
export interface OidcTestProviderOptions {
  /**
   * The client's registered redirect URI. A function is called on the provider's first request, so
   * a test may start the provider before the app whose port the URI names.
   */
  redirectUri: string | (() => string);
  /** Login name (typed into the dev login form, any password) to the claims the provider asserts. */
  accounts: Record<string, OidcTestAccount>;
  /**
   * True (default) puts `email` and `email_verified` in the ID token, as Google does; false keeps
   * them for the userinfo endpoint only, as the OpenID Connect core spec has it for the code flow.
   */
  emailInIdToken?: boolean;
}

/** A running provider and the confidential client registered at it. */
export interface OidcTestProvider {
  /** `http://127.0.0.1:<port>`; discovery is at `/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/**
 * Starts a real OpenID Provider (`oidc-provider`) on 127.0.0.1 with one confidential client that
 * must use PKCE (S256). Its development interactions serve a plain login form (fields `login` and
 * `password`, any password, button "Sign-in") and a consent form (button "Continue"), so a browser
 * or `driveOidcLogin` can sign in as any account of `accounts`.
 */
export const startOidcTestProvider = async (options: OidcTestProviderOptions): Promise<OidcTestProvider> => {
  // Imported on demand: the provider pulls in Koa and more, which most users of this package never need.
  const { default: Provider } = await import('oidc-provider');
  const clientId = 'docent-test';
  const clientSecret = randomBytes(24).toString('base64url');
  let handler: ((request: IncomingMessage, response: ServerResponse) => void) | undefined;
  const server = createServer((request, response) => {
    handler ??= new Provider(issuer, {
      clients: [
        {
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uris: [typeof options.redirectUri === 'function' ? options.redirectUri() : options.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      conformIdTokenClaims: options.emailInIdToken === false,
      findAccount: (_context: unknown, sub: string) => {
        const account = options.accounts[sub];
        return account === undefined ? undefined : { accountId: sub, claims: async () => ({ sub, ...account }) };
      },
      pkce: { required: () => true },
      features: { devInteractions: { enabled: true } },
      cookies: { keys: [randomBytes(32).toString('base64url')] },
      // Explicit lifetimes (seconds) keep the provider from printing a notice for each default.
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
      jwks: { keys: [signingKey()] },
    }).callback();
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
};

const signingKey = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
};
