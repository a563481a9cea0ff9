import {
  type CounterName,
  type HistogramName,
  type LabelsOf,
  METRIC_CATALOG,
  type MetricName,
  type Metrics,
} from '@docent/domain';
import { describe, expect, it } from 'vitest';
import { type Fixture, useFixture } from '../support/use-fixture.ts';

/** What an adapter's exported output says, read back by the adapter's own test (parsing its format). */
export interface MetricReadings {
  /** A counter's total under exactly these labels (0 when never incremented). */
  counter<N extends CounterName>(name: N, labels: LabelsOf<N>): number;
  /** How many observations a histogram holds under these labels, and their sum. */
  histogram<N extends HistogramName>(name: N, labels: LabelsOf<N>): { count: number; sum: number };
}

/** What a Metrics adapter's test gives the contract. */
export interface MetricsFixture extends Fixture {
  metrics: Metrics;
  /** Exports what was recorded (a scrape, a flush) and reads it back. */
  read(): Promise<MetricReadings>;
}

/** A value for every label a metric declares. */
const sampleLabels = <N extends MetricName>(name: N, value: string): LabelsOf<N> =>
  Object.fromEntries(METRIC_CATALOG[name].labels.map((label) => [label, value])) as LabelsOf<N>;

const namesOf = (kind: 'counter' | 'histogram'): MetricName[] =>
  (Object.keys(METRIC_CATALOG) as MetricName[]).filter((name) => METRIC_CATALOG[name].kind === kind);

/** Registers the tests every Metrics adapter must pass. */
export const describeMetricsContract = (adapterName: string, setup: () => Promise<MetricsFixture>): void => {
  describe(`Metrics contract: ${adapterName}`, () => {
    const fixture = useFixture(setup);

    it('adds increments per label set, by 1 unless told otherwise', async () => {
      const { metrics, read } = fixture();
      metrics.increment('documentsFailed', { reason: 'too_large' });
      metrics.increment('documentsFailed', { reason: 'too_large' }, 2);
      metrics.increment('documentsFailed', { reason: 'encrypted_pdf' });
      metrics.increment('documentsUploaded', {}, 5);
      const readings = await read();
      expect(readings.counter('documentsFailed', { reason: 'too_large' })).toBe(3);
      expect(readings.counter('documentsFailed', { reason: 'encrypted_pdf' })).toBe(1);
      expect(readings.counter('documentsFailed', { reason: 'empty_document' })).toBe(0);
      expect(readings.counter('documentsUploaded', {})).toBe(5);
    });

    it('keeps every observation of a histogram, per label set', async () => {
      const { metrics, read } = fixture();
      metrics.observe('processingStageSeconds', 0.25, { stage: 'embedding' });
      metrics.observe('processingStageSeconds', 1.5, { stage: 'embedding' });
      metrics.observe('processingStageSeconds', 4, { stage: 'extracting' });
      const readings = await read();
      expect(readings.histogram('processingStageSeconds', { stage: 'embedding' })).toEqual({ count: 2, sum: 1.75 });
      expect(readings.histogram('processingStageSeconds', { stage: 'extracting' })).toEqual({ count: 1, sum: 4 });
      expect(readings.histogram('processingStageSeconds', { stage: 'indexing' })).toEqual({ count: 0, sum: 0 });
    });

    it('exports every counter and histogram of the catalog', async () => {
      const { metrics, read } = fixture();
      const counters = namesOf('counter') as CounterName[];
      const histograms = namesOf('histogram') as HistogramName[];
      for (const name of counters) metrics.increment(name, sampleLabels(name, 'x'), 3);
      for (const name of histograms) metrics.observe(name, 0.5, sampleLabels(name, 'x'));
      const readings = await read();
      for (const name of counters) expect(readings.counter(name, sampleLabels(name, 'x')), name).toBe(3);
      for (const name of histograms) {
        expect(readings.histogram(name, sampleLabels(name, 'x')), name).toEqual({ count: 1, sum: 0.5 });
      }
    });
  });
};
