/** One sample line of a Prometheus text exposition. */
export interface PrometheusSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

const unescapeLabel = (value: string): string => value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));

const parseValue = (text: string): number => {
  if (text === '+Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  // NaN is a legal value (prom-client writes `Nan` for an event-loop lag not yet measured).
  if (text.toLowerCase() === 'nan') return Number.NaN;
  const value = Number(text);
  if (Number.isNaN(value)) throw new Error(`Not a number: ${text}`);
  return value;
};

/**
 * Parses the Prometheus text format (version 0.0.4) strictly enough for tests: every non-comment
 * line must be a sample, or this throws, so a malformed exposition fails the test that reads it.
 */
export const parsePrometheusText = (text: string): PrometheusSample[] => {
  const samples: PrometheusSample[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const match = SAMPLE_LINE.exec(line);
    if (match === null) throw new Error(`Not a Prometheus sample line: ${line}`);
    const [, name = '', labelText = '', value = ''] = match;
    const labels: Record<string, string> = {};
    for (const [, key = '', raw = ''] of labelText.matchAll(LABEL)) labels[key] = unescapeLabel(raw);
    samples.push({ name, labels, value: parseValue(value) });
  }
  return samples;
};

/**
 * The value of the sample with this name whose labels include `labels` (summed when several
 * match, e.g. a counter over every reason); 0 when none does.
 */
export const sampleValue = (
  samples: readonly PrometheusSample[],
  name: string,
  labels: Record<string, string> = {},
): number =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);
