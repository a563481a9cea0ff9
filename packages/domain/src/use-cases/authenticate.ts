import type { Principal } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { AuthenticateUseCase } from './contracts.ts';

/** Establishes the caller behind a bearer token. */
export class Authenticate implements AuthenticateUseCase {
  readonly #identity: IdentityProvider;

  constructor(deps: { identity: IdentityProvider }) {
    this.#identity = deps.identity;
  }

  /** Throws `unauthorized` for a missing, unknown, expired or revoked token. */
  async execute(input: { token: string }): Promise<Principal> {
    if (input.token.trim() === '') throw new DocentError('unauthorized', 'Sign in to continue.');
    return this.#identity.verify(input.token);
  }
}
