import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient } from './api-client.ts';
import { type SeededRandom, seededRandom } from './seeded-random.ts';
import { type ServerProcess, startServer } from './server-process.ts';
import { checkStore, readStore } from './store-consistency.ts';

/** A file to upload. */
export interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

/** How to run the crash test. */
export interface CrashRunOptions {
  dataDir: string;
  seed: number;
  /** How many times the server is SIGKILLed before the final, clean start. */
  kills: number;
  files: readonly CorpusFile[];
  users: number;
  /** A kill falls at a random moment in [0, this] ms after the round's uploads start. */
  maxKillDelayMs: number;
  /** Extra server settings (the embedder, ...). */
  env?: Record<string, string>;
  settleTimeoutMs: number;
  log?: (line: string) => void;
}

/** What the run saw, and every broken invariant in `problems` (empty when all held). */
export interface CrashRunReport {
  rounds: number;
  kills: number;
  /** Restarts that found a job the kill interrupted. */
  interruptedJobs: number;
  uploadsSent: number;
  uploadsAcknowledged: number;
  /** Blob files left by uploads cut off between storing the bytes and writing the document row. */
  orphanBlobs: number;
  /** Uploads stored before a kill whose 202 never arrived: the resend found them (deduplicated). */
  keptUnacknowledged: number;
  /** Final status of each document: `ready` or `failed:<code>`, with counts. */
  outcomes: Record<string, number>;
  documents: number;
  chunks: number;
  searchedChunks: number;
  problems: string[];
  elapsedMs: number;
}

interface User {
  api: ApiClient;
  id: string;
  /** Files this user uploads, by index into the corpus, and the id once a 202 came back. */
  planned: number[];
  acknowledged: Map<number, string>;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const signIn = async (server: ServerProcess, n: number): Promise<User> => {
  const api = new ApiClient(server.url);
  await api.signIn(`crash${n}@example.com`, 'Crash-test-1');
  const profile = await api.request('GET', '/auth/profile');
  return { api, id: profile.json.id, planned: [], acknowledged: new Map() };
};

/** What the uploads saw: broken invariants, and uploads the server had kept though the client never got the 202. */
interface UploadTally {
  problems: string[];
  keptUnacknowledged: number;
}

/** Sends every upload at once; those in flight when the server dies stay unacknowledged. */
const sendUploads = (files: readonly CorpusFile[], picks: Array<[User, number]>, tally: UploadTally) =>
  picks.map(async ([user, index]) => {
    const file = files[index] as CorpusFile;
    const form = new FormData();
    form.append('file', new Blob([file.bytes]), file.name);
    try {
      const response = await user.api.request('POST', '/documents/upload', form);
      if (response.status !== 202) tally.problems.push(`upload ${file.name} answered ${response.status}`);
      else {
        // Only unacknowledged uploads are sent, so an existing document means a resend deduplicated.
        if (response.json.created === false) tally.keptUnacknowledged++;
        user.acknowledged.set(index, response.json.document.id);
      }
    } catch {
      // The connection died with the server: the client does not know whether it was accepted.
    }
  });

const pending = (users: User[]): Array<[User, number]> =>
  users.flatMap((user) => user.planned.filter((i) => !user.acknowledged.has(i)).map((i): [User, number] => [user, i]));

const shuffled = <T>(items: T[], random: SeededRandom): T[] =>
  items
    .map((item) => [random.next(), item] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, item]) => item);

/** A user's final list against what they uploaded: nothing lost, nothing twice, every failure with its code. */
const checkListing = (who: string, user: User, listed: any[], files: readonly CorpusFile[]): string[] => {
  const problems: string[] = [];
  const shas = new Set(listed.map((d) => d.sha256));
  if (shas.size !== listed.length) problems.push(`${who}: the same bytes listed twice`);
  const expected = new Set(user.planned.map((i) => sha256(files[i]?.bytes ?? new Uint8Array())));
  if (listed.length !== expected.size) problems.push(`${who}: ${listed.length} listed, ${expected.size} uploaded`);
  const ids = new Set(listed.map((d) => d.id));
  for (const [i, id] of user.acknowledged) {
    if (!ids.has(id)) problems.push(`${who}: acknowledged ${files[i]?.name} (${id}) is lost`);
  }
  for (const d of listed.filter((d) => d.status === 'failed' && !d.error?.code)) {
    problems.push(`${who}: ${d.name} failed without a reason code`);
  }
  return problems;
};

/**
 * Starts the real server, uploads, SIGKILLs it at a random moment, restarts it on the same data
 * dir, K times; then resends every upload that never got its 202 (as a client would), waits until
 * processing settles and checks: every document `ready` or `failed` with a code, none lost, none
 * duplicated, each ready document's chunks all indexed (lexical and vector) and counted, no index
 * entry left without its chunk, and every chunk search returns belonging to the caller's ready document.
 */
export const runCrashTest = async (options: CrashRunOptions): Promise<CrashRunReport> => {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const log = options.log ?? (() => undefined);
  const problems: string[] = [];
  const tally: UploadTally = { problems, keptUnacknowledged: 0 };
  const env = { DOCENT_WEB: 'false', DOCENT_JOB_POLL_MS: '50', ...options.env };
  let server = await startServer(options.dataDir, env);
  const users: User[] = [];
  for (let n = 0; n < options.users; n++) users.push(await signIn(server, n));
  // Each user uploads most files; the identical bytes across users must stay separate documents.
  for (const user of users) {
    user.planned = options.files.map((_, i) => i).filter(() => random.next() < 0.8);
    if (user.planned.length === 0) user.planned.push(random.int(0, options.files.length - 1));
  }
  let uploadsSent = 0;
  let interrupted = 0;
  for (let round = 1; round <= options.kills; round++) {
    const waiting = shuffled(pending(users), random);
    // Spread the uploads over the rounds, so most kills land while something is being processed.
    const share = Math.ceil((2 * waiting.length) / (options.kills - round + 2));
    const picks = waiting.slice(0, random.int(Math.min(1, waiting.length), share));
    uploadsSent += picks.length;
    const inFlight = sendUploads(options.files, picks, tally);
    const delay = random.int(0, options.maxKillDelayMs);
    await sleep(delay);
    await server.kill();
    await Promise.all(inFlight);
    const acknowledged = users.reduce((n, u) => n + u.acknowledged.size, 0);
    log(`round ${round}: sent ${picks.length} uploads, SIGKILL after ${delay} ms, ${acknowledged} acknowledged so far`);
    const restart = performance.now();
    server = await startServer(options.dataDir, env);
    for (const user of users) user.api = new ApiClient(server.url, user.api.token);
    const resumed = /resuming jobs interrupted/.test(server.output());
    if (resumed) interrupted++;
    log(
      `  restarted in ${Math.round(performance.now() - restart)} ms${resumed ? ', resuming an interrupted job' : ''}`,
    );
  }
  const resend = pending(users);
  uploadsSent += resend.length;
  for (const pick of resend) await Promise.all(sendUploads(options.files, [pick], tally));
  log(`final start: resent ${resend.length} unacknowledged uploads; waiting for processing to settle`);
  const settling = performance.now();

  const searched = new Map<string, string>();
  for (const [n, user] of users.entries()) {
    const listed = await user.api.waitForProcessing(options.settleTimeoutMs);
    problems.push(...checkListing(`user ${n}`, user, listed, options.files));
    const ready = new Set(listed.filter((d) => d.status === 'ready').map((d) => d.id));
    for (const question of ['What does the licence allow?', 'How do I set the compression level?']) {
      const answer = await user.api.request('POST', '/query/ask', { question, topK: 50 });
      if (answer.status !== 200) problems.push(`user ${n}: ask answered ${answer.status}`);
      for (const source of answer.json.sources ?? []) {
        if (!ready.has(source.documentId)) problems.push(`user ${n}: search returned a chunk of ${source.documentId}`);
        searched.set(source.chunkId, user.id);
      }
    }
  }
  log(`settled and searched in ${Math.round(performance.now() - settling)} ms`);
  const exit = await server.stop();
  if (exit !== 0) problems.push(`the server exited with ${exit} on SIGTERM`);

  const store = readStore(options.dataDir);
  const { outcomes, problems: storeProblems } = checkStore(store, searched);
  problems.push(...storeProblems);
  return {
    rounds: options.kills + 1,
    kills: options.kills,
    interruptedJobs: interrupted,
    uploadsSent,
    uploadsAcknowledged: users.reduce((n, u) => n + u.acknowledged.size, 0),
    keptUnacknowledged: tally.keptUnacknowledged,
    orphanBlobs: store.orphanBlobs.length,
    outcomes,
    documents: store.documents.length,
    chunks: store.chunkOwners.size,
    searchedChunks: searched.size,
    problems,
    elapsedMs: Math.round(performance.now() - started),
  };
};
