import { setTimeout as sleep } from 'node:timers/promises';
import { listStoreUsers } from '@docent/adapters-local';
import { isDocentError, type Principal, type Resolver, TOKENS } from '@docent/domain';
import { presentAnswer, presentDocument } from '@docent/http-api';
import { composeLocal, type LocalComposition, type LocalConfig } from '@docent/local-server';
import { CliError, EXIT } from './cli-error.ts';
import type { AskRequest, DocentClient, ReindexResult } from './docent-client.ts';

/** The account the CLI acts for on the embedded store when `--user` names none. */
export const LOCAL_USER_EMAIL = 'local@localhost';

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
    // Opening the store fails with `conflict` only when another process holds the data dir's lock.
    if (isDocentError(error) && error.code === 'conflict') {
      throw new CliError(
        `${error.message}: a running \`docent serve\` holds it. Stop it, or send this command to it with ` +
          `--url http://${config.host}:${config.port} (a token in DOCENT_TOKEN).`,
        EXIT.locked,
      );
    }
    throw error;
  }
};

/** The CLI on the embedded store: the use cases called straight from the local composition. */
export class EmbeddedClient implements DocentClient {
  readonly target: string;
  readonly #composition: LocalComposition;
  readonly #config: LocalConfig;
  readonly #principal: Principal;
  readonly #token: string;

  private constructor(composition: LocalComposition, config: LocalConfig, principal: Principal, token: string) {
    this.#composition = composition;
    this.#config = config;
    this.#principal = principal;
    this.#token = token;
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
      const session = await container.get(TOKENS.IdentityProvider).signInExternal(email.trim().toLowerCase());
      const principal = { userId: session.user.id, email: session.user.email };
      return new EmbeddedClient(composition, config, principal, session.token);
    } catch (error) {
      await composition.close();
      throw error;
    }
  }

  get #use(): Resolver {
    return this.#composition.container;
  }

  async upload(file: { name: string; bytes: Uint8Array }) {
    const { document, created } = await this.#use.get(TOKENS.UploadDocument).execute(this.#principal, file);
    return { document: presentDocument(document), created };
  }

  async listDocuments() {
    const list = this.#use.get(TOKENS.ListDocuments);
    const documents = [];
    let cursor: string | undefined;
    do {
      const page = await list.execute(this.#principal, { limit: PAGE, ...(cursor && { cursor }) });
      documents.push(...page.items.map(presentDocument));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return documents;
  }

  async getDocument(documentId: string) {
    return presentDocument(await this.#use.get(TOKENS.GetDocument).execute(this.#principal, { documentId }));
  }

  async getDocumentText(documentId: string) {
    const text = await this.#use.get(TOKENS.GetDocumentText).execute(this.#principal, { documentId });
    return {
      documentId,
      text: text.text,
      pages: text.pages.map(({ page, charStart, charEnd }) => ({ page, charStart, charEnd })),
    };
  }

  async deleteDocument(documentId: string) {
    await this.#use.get(TOKENS.DeleteDocument).execute(this.#principal, { documentId });
  }

  async ask(request: AskRequest) {
    return presentAnswer(await this.#use.get(TOKENS.AskQuestion).execute(this.#principal, request));
  }

  async reindex(options: { allUsers: boolean }): Promise<ReindexResult> {
    const reindex = this.#use.get(TOKENS.ReindexDocuments);
    const principals = options.allUsers
      ? listStoreUsers(this.#config.dataDir).map((user) => ({ userId: user.id, email: user.email }))
      : [this.#principal];
    const result: ReindexResult = { queued: [], skipped: 0 };
    for (const principal of principals) {
      const outcome = await reindex.execute(principal);
      result.queued.push(...outcome.queued.map(presentDocument));
      result.skipped += outcome.skipped;
    }
    return result;
  }

  async addUser(email: string, password: string) {
    const normalized = email.trim().toLowerCase();
    // Registration answers alike for taken emails (no enumeration over HTTP); an operator is told.
    if (listStoreUsers(this.#config.dataDir).some((user) => user.email === normalized)) {
      throw new CliError(`${normalized} already has an account.`);
    }
    await this.#use.get(TOKENS.RegisterUser).execute({ email, password });
  }

  async listUsers() {
    return listStoreUsers(this.#config.dataDir);
  }

  /** Runs jobs on as many loops as the server would, until none is queued or running. */
  async runJobs(signal: AbortSignal) {
    const runner = this.#use.get(TOKENS.JobRunner);
    const queue = this.#use.get(TOKENS.JobQueue);
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
    try {
      await this.#use.get(TOKENS.IdentityProvider).logout(this.#token);
    } finally {
      await this.#composition.close();
    }
  }
}
