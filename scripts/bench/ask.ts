/**
 * Ask latency under load: autocannon sends `POST /query/ask` with the given questions in turn, at
 * each concurrency (connections kept busy), a fixed number of requests per level. Latency
 * percentiles are of answered (2xx) asks; a 503 (load shed) is counted apart, anything else
 * (other statuses, socket errors, timeouts) as an error.
 */
import autocannon from 'autocannon';
import { percentile, round1 } from './bench-support.ts';

/** One concurrency level's figures. */
export interface AskLevel {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answered (2xx) asks per second over the level's run. */
  rps: number;
  /** Responses other than 2xx and 503, plus socket errors and timeouts. */
  errors: number;
  /** 503 responses: asks the server turned away instead of queueing them. */
  shed: number;
}

/** The levels the issue names. */
export type AskLevelKey = 'c1' | 'c8' | 'c32';

// Requests per level: at least this many, and a few rounds of every connection, so percentiles
// rest on enough samples without a slow level running for minutes.
const MIN_REQUESTS = 100;
const ROUNDS_PER_CONNECTION = 4;
const TIMEOUT_S = 30;

const runLevel = async (
  baseUrl: string,
  token: string,
  questions: readonly string[],
  connections: number,
): Promise<AskLevel> => {
  let next = 0;
  const latencies: number[] = [];
  let shed = 0;
  let otherStatus = 0;
  const amount = Math.max(MIN_REQUESTS, 2 * questions.length, ROUNDS_PER_CONNECTION * connections);
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        amount,
        timeout: TIMEOUT_S,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              method: 'POST',
              path: '/query/ask',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({ question: questions[next++ % questions.length] }),
            }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status < 300) latencies.push(ms);
      else if (status === 503) shed++;
      else otherStatus++;
    });
  });
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    p50Ms: round1(percentile(latencies, 50)),
    p95Ms: round1(percentile(latencies, 95)),
    p99Ms: round1(percentile(latencies, 99)),
    rps: round1(latencies.length / seconds),
    errors: otherStatus + result.errors + result.timeouts,
    shed,
  };
};

/**
 * Asks `questions` as the bearer of `token` at each concurrency, after one warm-up pass over the
 * questions (model load, caches). Keys are `c{n}`.
 */
export const benchAsk = async (
  baseUrl: string,
  token: string,
  questions: readonly string[],
  concurrencies: readonly number[],
): Promise<Record<AskLevelKey, AskLevel>> => {
  if (questions.length === 0) throw new Error('benchAsk needs at least one question');
  for (const question of questions) {
    const response = await fetch(new URL('/query/ask', baseUrl), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    });
    if (!response.ok) throw new Error(`warm-up ask answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
  }
  const levels: Record<string, AskLevel> = {};
  for (const connections of concurrencies)
    levels[`c${connections}`] = await runLevel(baseUrl, token, questions, connections);
  return levels as Record<AskLevelKey, AskLevel>;
};
