import { describe, expect, it } from 'vitest';
import { AwsConfigError, loadAwsConfig } from './aws-config.ts';

const BASE = { AWS_REGION: 'us-east-1', DOCENT_STORAGE: 'memory' };

describe('loadAwsConfig: the stuck-document sweeper', () => {
  it('defaults to a two-hour lease, a one-hour grace period and two attempts', () => {
    expect(loadAwsConfig(BASE).sweeper).toEqual({ leaseMs: 120 * 60_000, graceMs: 60 * 60_000, maxAttempts: 2 });
  });

  it('reads the lease and grace period in minutes and the attempts as a count', () => {
    const config = loadAwsConfig({
      ...BASE,
      DOCENT_SWEEP_LEASE_MINUTES: '100',
      DOCENT_SWEEP_GRACE_MINUTES: '30',
      DOCENT_SWEEP_MAX_ATTEMPTS: '0',
    });
    expect(config.sweeper).toEqual({ leaseMs: 100 * 60_000, graceMs: 30 * 60_000, maxAttempts: 0 });
  });

  it('names every invalid sweeper setting', () => {
    const load = () =>
      loadAwsConfig({
        ...BASE,
        DOCENT_SWEEP_LEASE_MINUTES: '0',
        DOCENT_SWEEP_GRACE_MINUTES: 'soon',
        DOCENT_SWEEP_MAX_ATTEMPTS: '2.5',
      });
    expect(load).toThrow(AwsConfigError);
    try {
      load();
    } catch (error) {
      expect((error as AwsConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
        'DOCENT_SWEEP_GRACE_MINUTES',
        'DOCENT_SWEEP_LEASE_MINUTES',
        'DOCENT_SWEEP_MAX_ATTEMPTS',
      ]);
    }
  });
});
