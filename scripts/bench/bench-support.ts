/**
 * Small helpers the bench's parts share: percentiles, the server environment, a process's CPU time
 * and a Prometheus scrape of the real server.
 */
import { readFileSync } from 'node:fs';

/** The `p`th percentile (0-100) of ascending `sorted` values, nearest rank; NaN when empty. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;

/** Rounds to one decimal, the precision every figure of the report keeps. */
export const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * The environment of a bench server: the caller's `DOCENT_*` settings (so `DOCENT_EMBEDDER=hashing
 * npm run bench` benches that configuration), then the part's own overrides.
 */
export const serverEnv = (overrides: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[0].startsWith('DOCENT_')),
  ),
  ...overrides,
});

// Linux reports CPU time in clock ticks; 100 per second on every architecture Node runs on.
const CLOCK_TICKS_PER_SECOND = 100;

/** CPU seconds (user + system, every thread) a process has used so far (Linux `/proc`). */
export const cpuSeconds = (pid: number): number => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
};

/**
 * `GET /metrics` of a running server, as sample name (labels included, e.g.
 * `docent_embedded_texts_total{purpose="passage"}`) -> value.
 */
export const scrapeMetrics = async (baseUrl: string): Promise<Map<string, number>> => {
  const response = await fetch(new URL('/metrics', baseUrl));
  if (!response.ok) throw new Error(`GET /metrics answered ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
};
