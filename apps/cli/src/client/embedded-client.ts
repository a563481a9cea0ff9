import { setTimeout as sleep } from 'node:timers/promises';
import { isDocentError, type Principal, type Resolver, TOKENS, type UseCases } from '@docent/domain';
import { presentAnswer, presentDocument, presentSource, presentUser } from '@docent/http-api';
import {
  composeLocal,
  LOCAL_USER_EMAIL,
  type LocalComposition,
  type LocalConfig,
  principalOf,
  userAdministration,
  userFor,
} from '@docent/local-server';
import { CliError, EXIT } from './cli-error.ts';
import type { AskRequest, DocentClient, ReindexResult, SearchRequest } from './docent-client.ts';

const PAGE = 100;

/**
 * The CLI's settings on top of the server's: one command per process, so no ask worker threads
 * (they would only add start-up time) and no metrics registry (nothing scrapes it).
 */
const forCommandLine = (config: LocalConfig): LocalConfig => ({
  ...config,
  ask: { ...config.ask, workers: 0 },
  observability: { ...config.observability, metrics: false },
});

/** Opens the store; a held lock becomes the message that tells what to do instead. */
const compose = (config: LocalConfig): LocalComposition => {
  try {
    return composeLocal(forCommandLine(config));
  } catch (error) {
    // The lock's `conflict` names its holder; other conflicts (e.g. a store built for another embedder) do not.
    if (isDocentError(error) && error.code === 'conflict' && error.details?.lockedBy !== undefined) {
      throw new CliError(
        `${error.message}: a running \`docent serve\` holds it. Stop it, or send this command to it with ` +
          `--url http://${config.host}:${config.port} (a token in DOCENT_TOKEN).`,
        EXIT.locked,
      );
    }
    throw error;
  }
};

/**
 * The CLI on the embedded store: the use cases called straight from the local composition, as
 * `createDocent()` calls them, and for the same default user (`LOCAL_USER_EMAIL`).
 */
export class EmbeddedClient implements DocentClient {
  readonly target: string;
  readonly #composition: LocalComposition;
  readonly #config: LocalConfig;
  readonly #principal: Principal;

  private constructor(composition: LocalComposition, config: LocalConfig, principal: Principal) {
    this.#composition = composition;
    this.#config = config;
    this.#principal = principal;
    this.target = config.dataDir;
  }

  /**
   * Takes the data dir's lock, resumes jobs a crash left running, and acts for `email`: the account
   * is created (without a password) on first use, so an empty data dir needs no set-up step.
   */
  static async open(config: LocalConfig, email: string = LOCAL_USER_EMAIL): Promise<EmbeddedClient> {
    const composition = compose(config);
    try {
      const container: Resolver = composition.container;
      await container.get(TOKENS.JobQueue).requeueRunning();
      const user = await userFor(composition.useCases, email, { create: true });
      return new EmbeddedClient(composition, config, principalOf(user));
    } catch (error) {
      await composition.close();
      throw error;
    }
  }

  get #use(): UseCases {
    return this.#composition.useCases;
  }

  async upload(file: { name: string; bytes: Uint8Array }) {
    const { document, created } = await this.#use.uploadDocument.execute(this.#principal, file);
    return { document: presentDocument(document), created };
  }

  async listDocuments() {
    const documents = [];
    let cursor: string | undefined;
    do {
      const page = await this.#use.listDocuments.execute(this.#principal, { limit: PAGE, ...(cursor && { cursor }) });
      documents.push(...page.items.map(presentDocument));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return documents;
  }

  async getDocument(documentId: string) {
    return presentDocument(await this.#use.getDocument.execute(this.#principal, { documentId }));
  }

  async getDocumentText(documentId: string) {
    const text = await this.#use.getDocumentText.execute(this.#principal, { documentId });
    return {
      documentId,
      text: text.text,
      pages: text.pages.map(({ page, charStart, charEnd }) => ({ page, charStart, charEnd })),
    };
  }

  async deleteDocument(documentId: string) {
    await this.#use.deleteDocument.execute(this.#principal, { documentId });
  }

  async ask(request: AskRequest) {
    return presentAnswer(await this.#use.askQuestion.execute(this.#principal, request));
  }

  async search(request: SearchRequest) {
    return (await this.#use.searchDocuments.execute(this.#principal, request)).map(presentSource);
  }

  async reindex(options: { allUsers: boolean }): Promise<ReindexResult> {
    const principals = options.allUsers
      ? (await userAdministration(this.#use).listUsers.execute()).map(principalOf)
      : [this.#principal];
    const result: ReindexResult = { queued: [], skipped: 0 };
    for (const principal of principals) {
      const outcome = await this.#use.reindexDocuments.execute(principal);
      result.queued.push(...outcome.queued.map(presentDocument));
      result.skipped += outcome.skipped;
    }
    return result;
  }

  /** An operator adds the account: `email_taken` says so when it exists (unlike the public sign-up). */
  async addUser(email: string, password: string) {
    await userAdministration(this.#use).addUser.execute({ email, password });
  }

  async listUsers() {
    return (await userAdministration(this.#use).listUsers.execute()).map(presentUser);
  }

  /** Runs jobs on as many loops as the server would, until none is queued or running. */
  async runJobs(signal: AbortSignal) {
    const runner = this.#use.jobRunner;
    const container: Resolver = this.#composition.container;
    const queue = container.get(TOKENS.JobQueue);
    const loop = async () => {
      while (!signal.aborted) {
        if (await runner.runNext()) continue;
        const { queued, running } = await queue.stats();
        if (queued === 0 && running === 0) return;
        // A retry waiting out its backoff, or another loop's job still running.
        await sleep(this.#config.jobPollMs);
      }
    };
    await Promise.all(Array.from({ length: this.#config.processingConcurrency }, loop));
  }

  async close() {
    await this.#composition.close();
  }
}
