import type { Principal } from '../entities/user.ts';
import { DocentError } from '../errors.ts';
import type { DocumentRepository } from '../ports/document-repository.ts';
import type { IdentityProvider } from '../ports/identity-provider.ts';
import type { QueryHistoryRepository } from '../ports/query-history-repository.ts';
import type { GetProfileUseCase, Profile } from './contracts.ts';

/** The caller's account, how many documents they have and what their questions cost so far. */
export class GetProfile implements GetProfileUseCase {
  readonly #identity: IdentityProvider;
  readonly #documents: DocumentRepository;
  readonly #history: QueryHistoryRepository;

  constructor(deps: { identity: IdentityProvider; documents: DocumentRepository; history: QueryHistoryRepository }) {
    this.#identity = deps.identity;
    this.#documents = deps.documents;
    this.#history = deps.history;
  }

  /** Throws `unauthorized` when the account behind a still-valid token no longer exists. */
  async execute(principal: Principal): Promise<Profile> {
    const [user, documentCount, usage] = await Promise.all([
      this.#identity.getUser(principal.userId),
      this.#documents.count(principal.userId),
      this.#history.usageTotals(principal.userId),
    ]);
    if (user === null) throw new DocentError('unauthorized', 'This account no longer exists.');
    return { ...user, documentCount, usage };
  }
}
