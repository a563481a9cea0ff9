import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { LogOutUseCase } from './contracts.ts';

/** Revokes a session token; an unknown token is not an error. */
export class LogOut implements LogOutUseCase {
  readonly #identity: IdentityProvider;

  constructor(deps: { identity: IdentityProvider }) {
    this.#identity = deps.identity;
  }

  /** Revokes `token`. */
  async execute(input: { token: string }): Promise<void> {
    if (input.token === '') return;
    await this.#identity.logout(input.token);
  }
}
