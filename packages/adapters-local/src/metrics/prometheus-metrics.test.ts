import { parsePrometheusText, sampleValue } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { PrometheusMetrics } from './prometheus-metrics.ts';

const scrape = async (metrics: PrometheusMetrics) => parsePrometheusText((await metrics.scrape()).body);

describe('PrometheusMetrics', () => {
  it('samples a gauge at each scrape and keeps the last value when the sampler fails', async () => {
    const depths = [3, 7];
    const metrics = new PrometheusMetrics({
      processMetrics: false,
      gauges: {
        queueDepth: async () => {
          const next = depths.shift();
          if (next === undefined) throw new Error('store closed');
          return next;
        },
      },
    });
    expect(sampleValue(await scrape(metrics), 'docent_queue_depth')).toBe(3);
    expect(sampleValue(await scrape(metrics), 'docent_queue_depth')).toBe(7);
    expect(sampleValue(await scrape(metrics), 'docent_queue_depth')).toBe(7);
  });

  it('leaves out a gauge without a sampler instead of reporting 0', async () => {
    const samples = await scrape(new PrometheusMetrics({ processMetrics: false }));
    expect(samples.some((s) => s.name === 'docent_queue_depth')).toBe(false);
  });

  it('puts observations in cumulative buckets and exports process metrics by default', async () => {
    const metrics = new PrometheusMetrics();
    metrics.observe('askSeconds', 0.02, {});
    metrics.observe('askSeconds', 3, {});
    const { body, contentType } = await metrics.scrape();
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(body);
    expect(sampleValue(samples, 'docent_ask_seconds_bucket', { le: '0.025' })).toBe(1);
    expect(sampleValue(samples, 'docent_ask_seconds_bucket', { le: '5' })).toBe(2);
    expect(sampleValue(samples, 'docent_ask_seconds_bucket', { le: '+Inf' })).toBe(2);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps separate counts for separate instances (no global registry)', async () => {
    const first = new PrometheusMetrics({ processMetrics: false });
    const second = new PrometheusMetrics({ processMetrics: false });
    first.increment('questionsAsked', {});
    expect(sampleValue(await scrape(first), 'docent_questions_total')).toBe(1);
    expect(sampleValue(await scrape(second), 'docent_questions_total')).toBe(0);
  });
});
