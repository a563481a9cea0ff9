/**
 * Ask latency and throughput at fixed concurrency levels, with autocannon against a running server.
 * `npm run bench` (scripts/bench.ts) and `node scripts/load-test.ts --ask-levels 1,8,32` call it.
 *
 * One ask is awaited first (the embedder loads its model then). Each level runs for
 * `DOCENT_BENCH_ASK_SECONDS` seconds (default 10) after a 2 s warm-up at the same concurrency, cycling through `questions` in order. Percentiles are of
 * answered (2xx) asks only: a fast 503 would flatter them. `shed` counts 503s (load shedding: the
 * server's ask queue was full), `errors` every other non-2xx status, socket error and timeout.
 */
import autocannon from 'autocannon';
import { percentile, round1 as round } from './bench-support.ts';

/** Figures of one concurrency level. */
export interface AskLevel {
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Answered (2xx) asks per second. */
  rps: number;
  errors: number;
  shed: number;
}

const WARM_UP_SECONDS = 2;
const TIMEOUT_SECONDS = 30;

const seconds = (): number => {
  const value = Number(process.env.DOCENT_BENCH_ASK_SECONDS ?? 10);
  if (!Number.isFinite(value) || value <= 0 || value > 600) {
    throw new Error(`DOCENT_BENCH_ASK_SECONDS must be in (0, 600], got ${process.env.DOCENT_BENCH_ASK_SECONDS}`);
  }
  return value;
};

/** One autocannon run of `duration` seconds at `connections`: latencies of 2xx and counts of the rest. */
const run = async (
  baseUrl: string,
  token: string,
  questions: readonly string[],
  connections: number,
  duration: number,
): Promise<{ latencies: number[]; shed: number; errors: number; elapsedS: number }> => {
  let next = 0;
  const latencies: number[] = [];
  let shed = 0;
  let failed = 0;
  const started = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration,
        timeout: TIMEOUT_SECONDS,
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
      else failed++;
    });
  });
  const elapsedS = (performance.now() - started) / 1000;
  return {
    latencies: latencies.sort((a, b) => a - b),
    shed,
    errors: failed + result.errors + result.timeouts,
    elapsedS,
  };
};

/**
 * Asks `questions` (cycled) as the holder of `token` at each of `concurrencies` in turn; keys are
 * `c<concurrency>` ('c1', 'c8', 'c32').
 */
export async function benchAsk(
  baseUrl: string,
  token: string,
  questions: string[],
  concurrencies: number[],
): Promise<Record<string, AskLevel>> {
  if (questions.length === 0) throw new Error('benchAsk needs at least one question');
  const duration = seconds();
  // One ask first, awaited: the embedder loads its model on the first question, which must not
  // count against (or back up) the first level.
  const first = await fetch(new URL('/query/ask', baseUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ question: questions[0] }),
  });
  if (!first.ok) throw new Error(`the first ask failed: ${first.status} ${await first.text()}`);
  const levels: Record<string, AskLevel> = {};
  for (const connections of concurrencies) {
    await run(baseUrl, token, questions, connections, WARM_UP_SECONDS);
    const { latencies, shed, errors, elapsedS } = await run(baseUrl, token, questions, connections, duration);
    levels[`c${connections}`] = {
      p50Ms: round(percentile(latencies, 50)),
      p95Ms: round(percentile(latencies, 95)),
      p99Ms: round(percentile(latencies, 99)),
      rps: round(latencies.length / elapsedS),
      errors,
      shed,
    };
  }
  return levels;
}
