import {
  DocentError,
  type OidcClient,
  type OidcIdentity,
  type OidcLoginChecks,
  type OidcLoginStart,
} from '@docent/domain';
import {
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  type Configuration,
  calculatePKCECodeChallenge,
  discovery,
  fetchUserInfo,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';
import { toOidcError } from './oidc-errors.ts';

/** Options of `OpenIdClientOidc`. */
export interface OpenIdClientOidcOptions {
  /** The issuer identifier; its `/.well-known/openid-configuration` is fetched on first use. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered at the provider, e.g. `http://127.0.0.1:3000/auth/oidc/callback`. */
  redirectUri: string;
  /** Display name for "Sign in with ...", e.g. "Google". */
  name: string;
  /** Requested scopes (default `openid email profile`). */
  scopes?: string;
  /** Allow plain-HTTP provider URLs: only for a provider on 127.0.0.1 in tests (default false). */
  allowInsecureHttp?: boolean;
  /** Per-request timeout towards the provider (default 10 s). */
  timeoutMs?: number;
}

/**
 * An OidcClient over `openid-client` v6: discovery, the authorization-code flow with PKCE (S256),
 * `state` and `nonce`, client authentication with the secret, and ID-token validation by the
 * library. The email comes from the ID token, or from userinfo when the token leaves it out.
 */
export class OpenIdClientOidc implements OidcClient {
  readonly name: string;
  readonly #options: OpenIdClientOidcOptions;
  #configuration: Promise<Configuration> | undefined;

  constructor(options: OpenIdClientOidcOptions) {
    this.name = options.name;
    this.#options = options;
  }

  async startLogin(): Promise<OidcLoginStart> {
    try {
      const config = await this.#config();
      const codeVerifier = randomPKCECodeVerifier();
      const state = randomState();
      const nonce = randomNonce();
      const url = buildAuthorizationUrl(config, {
        redirect_uri: this.#options.redirectUri,
        scope: this.#options.scopes ?? 'openid email profile',
        code_challenge: await calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return { url: url.href, state, codeVerifier, nonce };
    } catch (error) {
      throw toOidcError(error, this.name);
    }
  }

  async finishLogin(callbackUrl: string, checks: OidcLoginChecks): Promise<OidcIdentity> {
    try {
      const config = await this.#config();
      // Only the query is taken from the request: the redirect URI sent back to the provider must
      // be the registered one, whatever host or proxy the callback arrived through.
      const current = new URL(this.#options.redirectUri);
      current.search = new URL(callbackUrl, this.#options.redirectUri).search;
      const tokens = await authorizationCodeGrant(config, current, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new DocentError('oidc_failed', `${this.name} returned no ID token.`);
      const source =
        typeof claims.email === 'string' ? claims : await fetchUserInfo(config, tokens.access_token, claims.sub);
      if (typeof source.email !== 'string' || source.email === '') {
        throw new DocentError('oidc_failed', `${this.name} did not share an email address; allow it and try again.`);
      }
      return { subject: claims.sub, email: source.email, emailVerified: source.email_verified === true };
    } catch (error) {
      throw toOidcError(error, this.name);
    }
  }

  /** Discovers once; a failed discovery is forgotten so the next login tries again. */
  #config(): Promise<Configuration> {
    this.#configuration ??= discovery(
      new URL(this.#options.issuer),
      this.#options.clientId,
      this.#options.clientSecret,
      undefined,
      {
        timeout: Math.ceil((this.#options.timeoutMs ?? 10_000) / 1000),
        ...(this.#options.allowInsecureHttp === true ? { execute: [allowInsecureRequests] } : {}),
      },
    ).catch((error: unknown) => {
      this.#configuration = undefined;
      throw error;
    });
    return this.#configuration;
  }
}
