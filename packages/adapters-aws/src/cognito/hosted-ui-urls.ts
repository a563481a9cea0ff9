import { createHash, randomBytes } from 'node:crypto';
import { DocentError } from '@docent/domain';

/** The federated providers of the design, by their Cognito identity-provider names. */
export type HostedUiProvider = 'Google' | 'LoginWithAmazon';

/** The hosted UI and the sign-in to start. */
export interface HostedUiOptions {
  /** The pool's domain: `docent.auth.eu-west-1.amazoncognito.com`, or a custom one, with or without `https://`. */
  domain: string;
  clientId: string;
  /** Where Cognito sends the browser back with `?code=…&state=…` (a callback URL of the app client). */
  redirectUri: string;
  /** Where Cognito sends the browser after signing out (a sign-out URL of the app client). */
  logoutUri: string;
  /** Skips the hosted page and goes straight to this provider; absent, the page offers every provider. */
  provider?: HostedUiProvider;
  /**
   * OAuth scopes (default `openid email aws.cognito.signin.user.admin`). The last one lets the access token
   * call GetUser, which the IdentityProvider's revocation check needs.
   */
  scopes?: readonly string[];
  /** The CSRF `state` to send (default: 128 random bits). */
  state?: string;
  /** The PKCE code verifier (default: 256 random bits); 43 to 128 characters of `A-Z a-z 0-9 - . _ ~`. */
  codeVerifier?: string;
}

/** Where to send the browser, and what to keep until it comes back. */
export interface HostedUiUrls {
  /** The authorization-code request with its PKCE S256 challenge. */
  authorizeUrl: string;
  /** Signs out of the hosted UI's own session, then returns to `logoutUri`. */
  logoutUrl: string;
  /** Where the code is exchanged for tokens (POST, with `code_verifier`). */
  tokenUrl: string;
  /** Compare with the `state` of the callback. */
  state: string;
  /** Send with the code to `tokenUrl`; keep it secret until then. */
  codeVerifier: string;
}

const DEFAULT_SCOPES = ['openid', 'email', 'aws.cognito.signin.user.admin'];
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * URLs of a user pool's hosted UI, through which Google and Login with Amazon sign-in runs on AWS:
 * the authorization-code flow with PKCE (S256), Cognito's logout endpoint, and its token endpoint.
 */
export const hostedUiUrls = (options: HostedUiOptions): HostedUiUrls => {
  const base = hostedUiBase(options.domain);
  const state = options.state ?? randomBytes(16).toString('base64url');
  const codeVerifier = options.codeVerifier ?? randomBytes(32).toString('base64url');
  if (!VERIFIER.test(codeVerifier)) {
    throw new DocentError('validation_failed', 'A PKCE code verifier is 43 to 128 characters of A-Z a-z 0-9 - . _ ~.');
  }
  const authorize = new URL('/oauth2/authorize', base);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: options.clientId,
    redirect_uri: options.redirectUri,
    scope: (options.scopes ?? DEFAULT_SCOPES).join(' '),
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.provider === undefined ? {} : { identity_provider: options.provider }),
  }).toString();
  const logout = new URL('/logout', base);
  logout.search = new URLSearchParams({ client_id: options.clientId, logout_uri: options.logoutUri }).toString();
  return {
    authorizeUrl: authorize.toString(),
    logoutUrl: logout.toString(),
    tokenUrl: new URL('/oauth2/token', base).toString(),
    state,
    codeVerifier,
  };
};

// Cognito serves its hosted UI over HTTPS only, at the root of the domain.
const hostedUiBase = (domain: string): URL => {
  const text = domain.includes('://') ? domain : `https://${domain}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DocentError('validation_failed', `"${domain}" is not a hosted UI domain.`);
  }
  if (url.protocol !== 'https:' || url.pathname !== '/' || url.search !== '') {
    throw new DocentError('validation_failed', `The hosted UI domain must be an https origin, not "${domain}".`);
  }
  return url;
};
