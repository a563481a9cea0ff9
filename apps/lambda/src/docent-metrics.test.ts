import { Metrics } from '@aws-lambda-powertools/metrics';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureOutput, type OutputCapture } from '../test-support/capture-output.ts';
import { DocentMetrics } from './docent-metrics.ts';

let output: OutputCapture;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => output.restore());

describe('DocentMetrics', () => {
  it('publishes the counts of an invocation as one EMF line in the namespace', () => {
    const metrics = new DocentMetrics(new Metrics({ namespace: 'DocentTest', serviceName: 'docent-test' }));
    metrics.documentProcessingErrors(2);
    metrics.documentProcessingErrors(0);
    metrics.publish();
    const [line, ...rest] = output.metrics();
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ DocumentProcessingErrors: [2, 0], service: 'docent-test' });
    const [definition] = line?._aws.CloudWatchMetrics ?? [];
    expect(definition.Namespace).toBe('DocentTest');
    expect(definition.Metrics.map((m: { Name: string; Unit: string }) => [m.Name, m.Unit])).toEqual([
      ['DocumentProcessingErrors', 'Count'],
    ]);
  });

  it('writes nothing at all for an invocation that counted nothing', () => {
    new DocentMetrics(new Metrics({ namespace: 'DocentTest', serviceName: 'docent-test' })).publish();
    expect(output.json()).toEqual([]);
  });
});
