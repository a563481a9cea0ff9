/**
 * `node scripts/measure-sign-in-throttle.ts`: starts the real local server (as `npm start` does, with
 * the default throttling settings) on a fresh data dir and replays the issue 13 finding: 25 wrong
 * passwords within one second for one account, paced and as one concurrent burst, for an existing and
 * an unknown email. Prints how many answers were 401 and 429 and the `retry-after` values, then shows
 * the wait doubling and the counters surviving a restart.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ServerProcess, startServer } from '../apps/local-server/test/support/server-process.ts';

const PASSWORD = 'Measure-Pass-1';
const ENV = { DOCENT_EMBEDDER: 'hashing', DOCENT_WEB: 'false' };
// The account runs all come from 127.0.0.1: a high address threshold keeps them apart from the
// address throttle, which the last run measures on its own server with the defaults.
const ACCOUNT_ENV = { ...ENV, DOCENT_SIGNIN_ADDRESS_THRESHOLD: '1000' };

interface Answer {
  status: number;
  retryAfter: string | null;
}

const post = async (url: string, route: string, body: unknown): Promise<Answer> => {
  const response = await fetch(new URL(route, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
};

const logIn = (url: string, email: string, password = 'Wrong-Pass-1') => post(url, '/auth/login', { email, password });

const summary = (answers: Answer[], ms: number): string => {
  const count = (status: number) => answers.filter((answer) => answer.status === status).length;
  const waits = [...new Set(answers.map((answer) => answer.retryAfter).filter((value) => value !== null))];
  const order = answers.map((answer) => answer.status).join(' ');
  return `401: ${count(401)}, 429: ${count(429)}, other: ${answers.length - count(401) - count(429)}, retry-after: [${waits.join(', ')}] in ${Math.round(ms)} ms\n    order: ${order}`;
};

// 25 attempts, one started every 40 ms (each waits for the one before), so the 25 fit in about a second.
const paced = async (url: string, email: string): Promise<string> => {
  const started = performance.now();
  const answers: Answer[] = [];
  for (let i = 0; i < 25; i++) {
    const due = started + i * 40 - performance.now();
    if (due > 0) await sleep(due);
    answers.push(await logIn(url, email));
  }
  return summary(answers, performance.now() - started);
};

const burst = async (url: string, email: string): Promise<string> => {
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: 25 }, () => logIn(url, email)));
  return summary(answers, performance.now() - started);
};

const dataDir = await mkdtemp(path.join(tmpdir(), 'docent-throttle-'));
let server: ServerProcess = await startServer(dataDir, ACCOUNT_ENV);
try {
  const registered = await post(server.url, '/auth/register', { email: 'ada@example.com', password: PASSWORD });
  const taken = await post(server.url, '/auth/register', { email: 'ada@example.com', password: 'Other-Pass-2' });
  console.log(`register new email: ${registered.status}; register the same email again: ${taken.status}`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const timed = async (email: string) => {
    const started = performance.now();
    await post(server.url, '/auth/register', { email, password: PASSWORD });
    return performance.now() - started;
  };
  const fresh: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < 15; i++) {
    fresh.push(await timed(`new${i}@example.com`));
    again.push(await timed('ada@example.com'));
  }
  console.log(
    `register median time: new email ${median(fresh).toFixed(1)} ms, taken email ${median(again).toFixed(1)} ms`,
  );

  console.log(`paced, existing account:  ${await paced(server.url, 'ada@example.com')}`);
  console.log(`paced, unknown email:     ${await paced(server.url, 'nobody@example.com')}`);
  console.log(`burst, existing account:  ${await burst(server.url, 'bob@example.com')}`);

  // Waits out each refusal, then spends one allowed failure: the next refusal asks for twice as long.
  const steps: string[] = [];
  for (let round = 0; round < 3; round++) {
    let answer = await logIn(server.url, 'ada@example.com');
    if (answer.status === 429) {
      await sleep(Number(answer.retryAfter) * 1000);
      answer = await logIn(server.url, 'ada@example.com');
    }
    const next = await logIn(server.url, 'ada@example.com');
    steps.push(`${answer.status} then ${next.status} retry-after ${next.retryAfter}`);
  }
  console.log(`doubling (wait, fail once, ask again): ${steps.join('; ')}`);

  // Counters survive a restart: carol fails five times, then the server restarts with a 60 s base delay.
  for (let i = 0; i < 5; i++) await logIn(server.url, 'carol@example.com');
  await server.stop();
  server = await startServer(dataDir, { ...ACCOUNT_ENV, DOCENT_SIGNIN_BASE_DELAY_SECONDS: '60' });
  const afterRestart = await logIn(server.url, 'carol@example.com');
  const untouched = await logIn(server.url, 'dave@example.com');
  console.log(
    `after a restart: carol ${afterRestart.status} retry-after ${afterRestart.retryAfter}; an account with no failures ${untouched.status}`,
  );
  const ada = await logIn(server.url, 'ada@example.com', PASSWORD);
  console.log(`ada (8 failures) under the 60 s base, right password: ${ada.status} retry-after ${ada.retryAfter}`);
  await server.stop();

  // One address spraying one wrong password over many accounts, with the default settings.
  await rm(dataDir, { recursive: true, force: true });
  server = await startServer(dataDir, ENV);
  const started = performance.now();
  const sprayed: Answer[] = [];
  for (let i = 0; i < 25; i++) sprayed.push(await logIn(server.url, `user${i}@example.com`));
  console.log(`one address, 25 accounts: ${summary(sprayed, performance.now() - started)}`);
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}
