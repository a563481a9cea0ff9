import { randomBytes } from 'node:crypto';
import {
  DocentError,
  type OidcClient,
  type OidcIdentity,
  type OidcLoginChecks,
  type OidcLoginStart,
} from '@docent/domain';

const random = (): string => randomBytes(16).toString('base64url');

/**
 * A stand-in for a provider and its client, for route tests: it issues logins, lets the test play
 * the person approving one (`approve`), and finishes only with the matching state, code, verifier
 * and nonce, each code once. The real client runs against a real provider in adapters-local.
 */
export class FakeOidcClient implements OidcClient {
  readonly name = 'Test ID';
  /** When set, the next `startLogin` fails with it (a provider outage). */
  failNextStart: DocentError | undefined;
  readonly #started = new Map<string, Omit<OidcLoginChecks, 'state'>>();
  readonly #grants = new Map<string, { state: string; identity: OidcIdentity }>();

  async startLogin(): Promise<OidcLoginStart> {
    const failure = this.failNextStart;
    this.failNextStart = undefined;
    if (failure !== undefined) throw failure;
    const checks = { state: random(), codeVerifier: random(), nonce: random() };
    this.#started.set(checks.state, { codeVerifier: checks.codeVerifier, nonce: checks.nonce });
    return { ...checks, url: `https://id.test/authorize?state=${checks.state}` };
  }

  /** The callback path and query the provider would send the browser to once `identity` approved. */
  approve(authorizationUrl: string, identity: OidcIdentity): string {
    const state = new URL(authorizationUrl).searchParams.get('state') ?? '';
    const code = random();
    this.#grants.set(code, { state, identity });
    return `/auth/oidc/callback?${new URLSearchParams({ code, state })}`;
  }

  async finishLogin(callbackUrl: string, checks: OidcLoginChecks): Promise<OidcIdentity> {
    const query = new URL(callbackUrl, 'http://callback.test').searchParams;
    const refused = query.get('error');
    if (refused !== null) throw new DocentError('oidc_failed', `Test ID did not sign you in (${refused}).`);
    const code = query.get('code') ?? '';
    const grant = this.#grants.get(code);
    this.#grants.delete(code);
    const started = this.#started.get(checks.state);
    if (
      grant === undefined ||
      query.get('state') !== checks.state ||
      grant.state !== checks.state ||
      started?.codeVerifier !== checks.codeVerifier ||
      started.nonce !== checks.nonce
    ) {
      throw new DocentError('oidc_failed', 'Signing in with Test ID failed: the response does not match the login.');
    }
    return grant.identity;
  }
}
