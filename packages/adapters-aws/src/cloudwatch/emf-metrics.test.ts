import { parseEmfLines } from '@docent/testing';
import { describe, expect, it } from 'vitest';
import { EmfMetrics } from './emf-metrics.ts';

const capture = () => {
  const lines: string[] = [];
  const metrics = new EmfMetrics({
    namespace: 'DocentTest',
    service: 'api',
    write: (l) => lines.push(l),
    now: () => 42,
  });
  return { metrics, lines };
};

describe('EmfMetrics', () => {
  it('writes one line per metric and label set, the labels as dimensions beside the service', () => {
    const { metrics, lines } = capture();
    metrics.increment('documentsFailed', { reason: 'too_large' }, 2);
    metrics.observe('askSeconds', 0.4, {});
    metrics.flush();
    const [failed, ask] = parseEmfLines(lines.join('\n'));
    expect(failed).toEqual({
      _aws: {
        Timestamp: 42,
        CloudWatchMetrics: [
          {
            Namespace: 'DocentTest',
            Dimensions: [['service', 'reason']],
            Metrics: [{ Name: 'DocumentsFailed', Unit: 'Count' }],
          },
        ],
      },
      service: 'api',
      reason: 'too_large',
      DocumentsFailed: 2,
    });
    expect(ask?._aws.CloudWatchMetrics[0]?.Metrics).toEqual([{ Name: 'AskSeconds', Unit: 'Seconds' }]);
    expect(ask?.AskSeconds).toBe(0.4);
  });

  it('splits more than 100 observations over several lines, as CloudWatch requires', () => {
    const { metrics, lines } = capture();
    for (let i = 0; i < 250; i++) metrics.observe('processingStageSeconds', i, { stage: 'embedding' });
    metrics.flush();
    const sizes = parseEmfLines(lines.join('\n')).map((line) => (line.ProcessingStageSeconds as number[]).length);
    expect(sizes).toEqual([100, 100, 50]);
  });

  it('forgets what it flushed and writes nothing for a quiet invocation', () => {
    const { metrics, lines } = capture();
    metrics.increment('questionsAsked', {});
    metrics.flush();
    metrics.flush();
    expect(lines).toHaveLength(1);
  });
});
