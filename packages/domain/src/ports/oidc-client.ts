/** What ties a provider's answer to the login that asked for it; kept server-side until the callback. */
export interface OidcLoginChecks {
  /** The `state` sent with the authorization request; the callback must carry it back unchanged. */
  state: string;
  /** The PKCE verifier whose S256 challenge the authorization request carried. */
  codeVerifier: string;
  /** The `nonce` the ID token must contain. */
  nonce: string;
}

/** A login under way: where to send the browser, and the checks to keep until it comes back. */
export interface OidcLoginStart extends OidcLoginChecks {
  /** The provider's authorization URL (authorization-code flow with PKCE). */
  url: string;
}

/** Who the provider says signed in. */
export interface OidcIdentity {
  /** The provider's stable id of the person (`sub`). */
  subject: string;
  /** As the provider sent it (not normalised). */
  email: string;
  /** True only when the provider asserts it has verified `email` (`email_verified: true`). */
  emailVerified: boolean;
}

/**
 * One configured OpenID Connect provider (Google in production), for the authorization-code flow
 * with PKCE, `state` and `nonce`. Errors are DocentError `oidc_failed`, retryable when the provider
 * could not be reached.
 */
export interface OidcClient {
  /** The provider's display name, e.g. "Google", for a "Sign in with ..." button. */
  readonly name: string;
  /** Creates fresh checks and the authorization URL that carries them. */
  startLogin(): Promise<OidcLoginStart>;
  /**
   * Completes a login from the URL the provider redirected the browser to (absolute, or path and
   * query): verifies `state`, redeems the code with the PKCE verifier, validates the ID token
   * (signature, issuer, audience, expiry, `nonce`) and returns its identity. Throws `oidc_failed`
   * for an error response, a mismatched check or an invalid token.
   */
  finishLogin(callbackUrl: string, checks: OidcLoginChecks): Promise<OidcIdentity>;
}
