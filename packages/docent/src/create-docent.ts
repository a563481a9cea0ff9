import path from 'node:path';
import { backupDataDir } from '@docent/adapters-local';
import { DocentError, type Principal, type Resolver, TOKENS, type UseCases, type User } from '@docent/domain';
import {
  composeLocal,
  JobWorker,
  LOCAL_USER_EMAIL,
  type LocalComposition,
  principalOf,
  processingLanes,
  userAdministration,
  userFor,
  VERSION,
} from '@docent/local-server';
import { ask } from './ask-stream.ts';
import type { Docent, DocentUsers, OwnerOption, PageOptions } from './docent-api.ts';
import { type DocentOptions, type ResolvedOptions, resolveOptions } from './docent-options.ts';
import { DocumentWatch } from './document-watch.ts';
import { ingest } from './ingest.ts';

const page = (options: PageOptions) => ({
  ...(options.limit === undefined ? {} : { limit: options.limit }),
  ...(options.cursor === undefined ? {} : { cursor: options.cursor }),
});

/** The account API over the use cases (an embedded store always has a user directory); `open` guards each call. */
const usersOf = (open: () => UseCases, defaultUser: User): DocentUsers => {
  const users = () => userAdministration(open());
  return {
    default: defaultUser,
    add: async (email, options = {}) =>
      users().addUser.execute({ email, ...(options.password === undefined ? {} : { password: options.password }) }),
    list: async () => users().listUsers.execute(),
    get: async (email) => users().findUser.execute({ email }),
  };
};

/** Starts what the local server starts besides HTTP: the interrupted jobs requeued, the processing loops. */
const startProcessing = async (composition: LocalComposition, options: ResolvedOptions): Promise<JobWorker> => {
  const container: Resolver = composition.container;
  await container.get(TOKENS.JobQueue).requeueRunning();
  const worker = new JobWorker(composition.useCases.jobRunner, {
    pollMs: options.config.jobPollMs,
    lanes: processingLanes(options.config),
    onError: options.onError,
  });
  worker.start();
  return worker;
};

/**
 * Opens Docent inside this process: the local server's composition (`composeLocal`, so the same
 * use cases, job runner and pipeline as `docent serve`) without HTTP. With `dataDir` it takes the
 * directory's lock as the server does (a second open fails with `conflict`); with
 * `storage: 'memory'` nothing outlives `close()`. Invalid options fail with one
 * `validation_failed` naming every problem in `details.problems`.
 */
export const createDocent = async (options: DocentOptions): Promise<Docent> => {
  const resolved = resolveOptions(options);
  const watch = new DocumentWatch();
  const composition = composeLocal(resolved.config, { onDocumentChange: watch.publish });
  let worker: JobWorker | undefined;
  try {
    const email = resolved.defaultUser ?? LOCAL_USER_EMAIL;
    const defaultUser = await userFor(composition.useCases, email, { create: true });
    worker = await startProcessing(composition, resolved);
    return openDocent(composition, worker, watch, defaultUser, resolved);
  } catch (error) {
    await worker?.stop();
    await composition.close();
    throw error;
  }
};

const openDocent = (
  composition: LocalComposition,
  worker: JobWorker,
  watch: DocumentWatch,
  defaultUser: User,
  { config }: ResolvedOptions,
): Docent => {
  const { useCases } = composition;
  let closing: Promise<void> | undefined;
  const open = (): UseCases => {
    if (closing !== undefined) throw new DocentError('unavailable', 'Docent was closed');
    return useCases;
  };
  // Every call starts here, so a closed Docent answers each with a rejected `unavailable`.
  const principal = async (owner: string | undefined): Promise<Principal> => {
    open();
    return principalOf(owner === undefined ? defaultUser : await userFor(useCases, owner, { create: false }));
  };
  const as = (options: OwnerOption) => principal(options.owner);

  return {
    dataDir: config.storage === 'memory' ? undefined : config.dataDir,
    users: usersOf(open, defaultUser),
    documents: {
      list: async (options = {}) => useCases.listDocuments.execute(await as(options), page(options)),
      get: async (documentId, options = {}) => useCases.getDocument.execute(await as(options), { documentId }),
      text: async (documentId, options = {}) => useCases.getDocumentText.execute(await as(options), { documentId }),
      delete: async (documentId, options = {}) => useCases.deleteDocument.execute(await as(options), { documentId }),
    },
    ingest: (source, options = {}) => ingest({ useCases, watch, principal }, source, options),
    ask: (question, options = {}) => ask({ useCases, principal }, question, options),
    search: async (query, options = {}) =>
      useCases.searchDocuments.execute(
        await as(options),
        {
          query,
          ...(options.documentIds === undefined ? {} : { documentIds: options.documentIds }),
          ...(options.topK === undefined ? {} : { topK: options.topK }),
        },
        options.signal === undefined ? {} : { signal: options.signal },
      ),
    history: async (options = {}) => useCases.listHistory.execute(await as(options), page(options)),
    backup: async (toDir) => {
      open();
      if (config.storage === 'memory') throw new DocentError('unavailable', 'A store in memory cannot be backed up');
      const target = path.resolve(toDir);
      return backupDataDir({ dataDir: config.dataDir, target, appVersion: VERSION, embedder: config.embedder.kind });
    },
    close() {
      closing ??= (async () => {
        watch.close();
        await worker.stop();
        await composition.close();
      })();
      return closing;
    },
  };
};
