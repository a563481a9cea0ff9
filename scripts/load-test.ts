/**
 * Load test: starts the real local server (`docent serve`, default settings: USE Lite embedder) on
 * a temp data dir, ingests the qa-dev documents for several users, then sends mixed traffic from
 * 127.0.0.1 for a bounded time (asks, document lists, small distinct uploads; one autocannon run
 * per kind, sharing the connections). Prints per kind the answered (2xx) requests per second and
 * their p50/p95/p99 latency, responses by status, errors and timeouts; and the server's peak RSS
 * (VmHWM) after ingest and during the load. With --data-dir an ingested dir is reused (the ingest
 * line then counts only each user's newest 100 documents). With --ask-levels (e.g. 1,8,32) it runs
 * only asks, by the first user (the whole qa-dev set), one level after the other (scripts/bench/ask.ts;
 * DOCENT_BENCH_ASK_SECONDS per level), and prints p50/p95/p99, answered asks/s, errors and 503s per level.
 *   node scripts/load-test.ts [--duration 60] [--connections 32] [--mix 50:30:20] [--users 4]
 *                             [--ask-levels 1,8,32] [--data-dir <dir to reuse>] [--env NAME=value ...]
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ApiClient, loadQuestions, QA_DEV, type QaQuestion } from '../apps/local-server/test/support/api-client.ts';
import { startServer } from '../apps/local-server/test/support/server-process.ts';
import { benchAsk } from './bench/ask.ts';
import { percentile } from './bench/bench-support.ts';
import { cpuBetween, threadCpu } from './bench/thread-cpu.ts';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '32' },
    mix: { type: 'string', default: '50:30:20' },
    users: { type: 'string', default: '4' },
    'ask-levels': { type: 'string' },
    'data-dir': { type: 'string' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const duration = Math.min(Number(values.duration), 600);
const connections = Number(values.connections);
const env = Object.fromEntries(
  (values.env ?? []).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
);

// Every user gets the small licence and README files; the first user gets the whole qa-dev set.
const SMALL = ['Artistic.txt', 'CC0-1.0.txt', 'GFDL-1.3.txt', 'zstd-README.md'];
const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(tmpdir(), 'docent-load-')));
const server = await startServer(dataDir, env);
try {
  const allDocs = (await readdir(path.join(QA_DEV, 'docs'))).sort();
  const users: Array<{ token: string; docs: string[] }> = [];
  const ingestStart = performance.now();
  for (let n = 0; n < Number(values.users); n++) {
    const api = new ApiClient(server.url);
    await api.signIn(`load${n}@example.com`, 'Load-test-1');
    const docs = n === 0 ? allDocs : SMALL;
    for (const name of docs) await api.upload(path.join(QA_DEV, 'docs', name));
    users.push({ token: api.token as string, docs });
  }
  const ready = await Promise.all(users.map((u) => new ApiClient(server.url, u.token).waitForProcessing(3_600_000)));
  const chunks = ready.flat().reduce((sum, d) => sum + (d.chunkCount ?? 0), 0);
  console.log(
    `ingest: ${ready.flat().length} documents, ${chunks} chunks, ${Math.round((performance.now() - ingestStart) / 1000)} s, peak RSS ${mib(server.peakRss())}`,
  );

  const questions = await loadQuestions();
  if (values['ask-levels'] !== undefined) {
    const user = users[0] as { token: string; docs: string[] };
    const asked = questions.filter((q) => [q.doc].flat().every((d) => d === null || user.docs.includes(d)));
    const levels = await benchAsk(
      server.url,
      user.token,
      asked.map((q) => q.question),
      values['ask-levels'].split(',').map(Number),
    );
    for (const [level, figures] of Object.entries(levels)) {
      console.log(
        `ask ${level.padEnd(4)} p50 ${figures.p50Ms} ms  p95 ${figures.p95Ms} ms  p99 ${figures.p99Ms} ms  ` +
          `${figures.rps} asks/s  errors ${figures.errors}  503 ${figures.shed}`,
      );
    }
    console.log(`peak RSS (VmHWM) ${mib(server.peakRss())}`);
    await cpuPerAsk(
      user.token,
      asked.map((q) => q.question),
    );
    // The server logs at warn: any line says why an ask failed or was shed.
    const codes: Record<string, number> = {};
    for (const [, code] of server.output().matchAll(/"code":"([a-z_]+)"/g))
      codes[code as string] = (codes[code as string] ?? 0) + 1;
    if (Object.keys(codes).length > 0) console.log(`error codes in the server log: ${JSON.stringify(codes)}`);
    process.exitCode = Object.values(levels).some((figures) => figures.errors > 0) ? 1 : 0;
  } else {
    await mixedLoad(users, questions);
  }
} finally {
  await server.stop();
  if (values['data-dir'] === undefined) await rm(dataDir, { recursive: true, force: true });
}

/**
 * Server CPU per answered ask (all threads, and the busiest threads by name), from one ask at a
 * time over every question: unlike latency, it stays meaningful on a busy machine.
 */
async function cpuPerAsk(token: string, questions: string[]): Promise<void> {
  const pid = server.child.pid as number;
  const api = new ApiClient(server.url, token);
  const before = threadCpu(pid);
  const started = performance.now();
  for (const question of questions) {
    for (;;) {
      // Right after a heavy level the queue may still be draining: honour retry-after, as a client should.
      const { status, headers } = await api.request('POST', '/query/ask', { question });
      if (status === 200) break;
      if (status !== 503) throw new Error(`ask answered ${status}`);
      await new Promise((resolve) => setTimeout(resolve, Number(headers.get('retry-after') ?? 1) * 1000));
    }
  }
  const wallMs = performance.now() - started;
  const threads = cpuBetween(before, threadCpu(pid));
  const per = (ms: number) => (ms / questions.length).toFixed(1);
  const total = threads.reduce((sum, thread) => sum + thread.ms, 0);
  console.log(
    `CPU per ask (${questions.length} asks one at a time): ${per(total)} ms in all threads, wall ${per(wallMs)} ms; by thread: ` +
      threads
        .slice(0, 6)
        .map((thread) => `${thread.name}/${thread.tid} ${per(thread.ms)}`)
        .join(', '),
  );
}

/** Asks, lists and uploads together for --duration seconds, one autocannon run per kind. */
async function mixedLoad(users: Array<{ token: string; docs: string[] }>, questions: QaQuestion[]): Promise<void> {
  const asksOf = users.map((u) =>
    questions.filter((q) => [q.doc].flat().every((d) => d === null || u.docs.includes(d))).map((q) => q.question),
  );
  let sequence = 0;
  const pickUser = () => sequence++ % users.length;
  const auth = (n: number) => ({ authorization: `Bearer ${users[n]?.token}` });
  const boundary = 'docent-load-boundary';
  type Setup = (request: autocannon.Request) => autocannon.Request;
  const kinds: Record<'ask' | 'list' | 'upload', Setup> = {
    ask: (request: autocannon.Request) => {
      const n = pickUser();
      const pool = asksOf[n] ?? [];
      const question = pool[sequence % pool.length] ?? 'What is this about?';
      return {
        ...request,
        method: 'POST',
        path: '/query/ask',
        headers: { ...auth(n), 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      };
    },
    list: (request: autocannon.Request) => ({
      ...request,
      method: 'GET',
      path: '/documents?limit=20',
      headers: auth(pickUser()),
    }),
    upload: (request: autocannon.Request) => {
      const n = pickUser();
      const id = `${process.pid}-${sequence}`;
      const text = `Load test note ${id}. The archive keeps ${sequence} blocks at compression level ${sequence % 19}.\n`;
      const body =
        `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="load-${id}.txt"\r\n` +
        `content-type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
      return {
        ...request,
        method: 'POST',
        path: '/documents/upload',
        headers: { ...auth(n), 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      };
    },
  };
  const weights = (values.mix as string).split(':').map(Number);
  const total = weights.reduce((a, b) => a + b, 0);
  const shares = Object.keys(kinds).map(
    (kind, i) => [kind, Math.max(1, Math.round((connections * (weights[i] ?? 0)) / total))] as const,
  );

  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, server.peakRss());
  }, 1000);
  const loadStart = performance.now();
  const runs = await Promise.all(
    shares.map(async ([kind, share]) => {
      const latencies: number[] = [];
      const statuses: Record<string, number> = {};
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const options = {
          url: server.url,
          connections: share,
          duration,
          timeout: 30,
          requests: [{ setupRequest: kinds[kind as keyof typeof kinds] }],
        };
        const instance = autocannon(options, (error, done) => (error ? reject(error) : resolve(done)));
        instance.on('response', (_client, status, _bytes, ms) => {
          // Percentiles are of answered requests: a fast 503 would flatter them.
          if (status < 300) latencies.push(ms);
          statuses[status] = (statuses[status] ?? 0) + 1;
        });
      });
      return { kind, share, latencies: latencies.sort((a, b) => a - b), statuses, result };
    }),
  );
  clearInterval(sampler);
  const seconds = (performance.now() - loadStart) / 1000;
  let answered = 0;
  const ms = (value: number | undefined) => `${Math.round(value ?? Number.NaN)} ms`;
  for (const { kind, share, latencies, statuses, result } of runs) {
    answered += latencies.length;
    const failures = result.errors + result.timeouts;
    console.log(
      `${kind.padEnd(6)} ${String(share).padStart(3)} conns  ${(latencies.length / seconds).toFixed(1).padStart(6)} ok/s  ` +
        `p50 ${ms(percentile(latencies, 50))}  p95 ${ms(percentile(latencies, 95))}  p99 ${ms(percentile(latencies, 99))}  ` +
        `max ${ms(latencies.at(-1))}  status ${JSON.stringify(statuses)}  errors ${result.errors} timeouts ${result.timeouts}${failures ? ' (!)' : ''}`,
    );
  }
  const backlog = (
    await new ApiClient(server.url, users[0]?.token).request('GET', '/documents?limit=100')
  ).json.documents.filter((d: { status: string }) => d.status !== 'ready' && d.status !== 'failed').length;
  console.log(
    `total: ${answered} answered (2xx) in ${seconds.toFixed(1)} s = ${(answered / seconds).toFixed(1)} req/s at ${connections} connections; ` +
      `peak RSS (VmHWM) by the end ${mib(peakRss)}; user 0 still processing ${backlog} of its newest 100 documents`,
  );
}
