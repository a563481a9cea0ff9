/**
 * Small helpers the bench's parts share: percentiles, rounding, the server environment and a
 * Prometheus scrape of the real server.
 */
import { readFileSync } from 'node:fs';

/**
 * MiB this process has caused to be read from storage, not served by the page cache
 * (`read_bytes` of /proc/self/io; 0 where there is none): what a cold cache costs, whatever the load.
 */
export const storageReadMiB = (): number => {
  try {
    return Number(/^read_bytes: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0) / 2 ** 20;
  } catch {
    return 0;
  }
};

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
    Object.entries(process.env).filter(
      // DOCENT_BENCH_* tune the bench itself; the server would reject them as unknown settings.
      (entry): entry is [string, string] => entry[0].startsWith('DOCENT_') && !entry[0].startsWith('DOCENT_BENCH_'),
    ),
  ),
  ...overrides,
});

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
