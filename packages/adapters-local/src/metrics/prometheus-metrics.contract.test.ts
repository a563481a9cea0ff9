import { METRIC_CATALOG } from '@docent/domain';
import { describeMetricsContract, parsePrometheusText, sampleValue } from '@docent/testing';
import { PrometheusMetrics } from './prometheus-metrics.ts';

describeMetricsContract('PrometheusMetrics', async () => {
  const metrics = new PrometheusMetrics({ processMetrics: false });
  return {
    metrics,
    async read() {
      const samples = parsePrometheusText((await metrics.scrape()).body);
      return {
        counter: (name, labels) => sampleValue(samples, METRIC_CATALOG[name].name, labels),
        histogram: (name, labels) => ({
          count: sampleValue(samples, `${METRIC_CATALOG[name].name}_count`, labels),
          sum: sampleValue(samples, `${METRIC_CATALOG[name].name}_sum`, labels),
        }),
      };
    },
  };
});
