import { vi } from 'vitest';

// Test-only: Powertools writes JSON lines straight to the process streams: logs (errors and
// warnings to stderr, the rest to stdout) and EMF metrics (stdout).

/** What was written since `captureOutput`, as parsed JSON lines. */
export interface OutputCapture {
  /** Every line (of either stream, in order) that parsed as a JSON object. */
  json(): Record<string, any>[];
  /** EMF lines: those that carry CloudWatch metric definitions. */
  metrics(): Record<string, any>[];
  /** The value of a metric summed over the EMF lines (undefined when never written). */
  metric(name: string): number | undefined;
  restore(): void;
}

/** Starts capturing (and silencing) stdout and stderr. */
export const captureOutput = (): OutputCapture => {
  const chunks: string[] = [];
  const record = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    vi.spyOn(process.stdout, 'write').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation(record),
  ];
  const json = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, any>);
  const metrics = () => json().filter((line) => line._aws?.CloudWatchMetrics !== undefined);
  return {
    json,
    metrics,
    metric(name) {
      const values = metrics()
        .filter((line) => name in line)
        .map((line) => Number(line[name]));
      return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0);
    },
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
};
