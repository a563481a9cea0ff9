import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: sign-in throttling', () => {
  it('throttles sign-in by default and reads the throttling settings, refusing contradictory ones', () => {
    expect(loadConfig({}, '/srv').signIn).toEqual({
      accountThreshold: 5,
      addressThreshold: 20,
      baseDelaySeconds: 1,
      maxDelaySeconds: 900,
      windowSeconds: 3600,
    });
    const env = {
      DOCENT_SIGNIN_ACCOUNT_THRESHOLD: '3',
      DOCENT_SIGNIN_ADDRESS_THRESHOLD: '50',
      DOCENT_SIGNIN_BASE_DELAY_SECONDS: '2',
      DOCENT_SIGNIN_MAX_DELAY_SECONDS: '600',
      DOCENT_SIGNIN_WINDOW_SECONDS: '7200',
    };
    expect(loadConfig(env, '/srv').signIn).toEqual({
      accountThreshold: 3,
      addressThreshold: 50,
      baseDelaySeconds: 2,
      maxDelaySeconds: 600,
      windowSeconds: 7200,
    });
    expect(() => loadConfig({ DOCENT_SIGNIN_ACCOUNT_THRESHOLD: '0' }, '/srv')).toThrow(
      /DOCENT_SIGNIN_ACCOUNT_THRESHOLD:/,
    );
    expect(() =>
      loadConfig({ DOCENT_SIGNIN_MAX_DELAY_SECONDS: '7200', DOCENT_SIGNIN_ADDRESS_THRESHOLD: '4' }, '/srv'),
    ).toThrow(/DOCENT_SIGNIN_WINDOW_SECONDS: must be longer[\s\S]*DOCENT_SIGNIN_ADDRESS_THRESHOLD: must be at least/);
    expect(() =>
      loadConfig({ DOCENT_SIGNIN_BASE_DELAY_SECONDS: '60', DOCENT_SIGNIN_MAX_DELAY_SECONDS: '30' }, '/srv'),
    ).toThrow(/DOCENT_SIGNIN_MAX_DELAY_SECONDS: must be at least/);
  });
});
