import type { MetricName } from '@docent/domain';
import { describeMetricsContract, type EmfLine, parseEmfLines } from '@docent/testing';
import { EmfMetrics, emfMetricName } from './emf-metrics.ts';

const valuesOf = (lines: readonly EmfLine[], name: MetricName, labels: Record<string, string>): number[] =>
  lines
    .filter((line) => Object.entries(labels).every(([k, v]) => line[k] === v))
    .flatMap((line) => {
      const value = line[emfMetricName(name)];
      return value === undefined ? [] : [value as number | number[]].flat();
    });

describeMetricsContract('EmfMetrics', async () => {
  let output = '';
  const metrics = new EmfMetrics({ write: (line) => (output += `${line}\n`) });
  return {
    metrics,
    async read() {
      metrics.flush();
      const lines = parseEmfLines(output);
      return {
        counter: (name, labels) => valuesOf(lines, name, labels).reduce((a, b) => a + b, 0),
        histogram: (name, labels) => {
          const values = valuesOf(lines, name, labels);
          return { count: values.length, sum: values.reduce((a, b) => a + b, 0) };
        },
      };
    },
  };
});
