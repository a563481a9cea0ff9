import { describe, expect, it } from 'vitest';
import { readStageConfig, resourceName, StageConfigError } from '../lib/stage-config.ts';

const env = { account: '123456789012', region: 'eu-west-1' };
const read = (context: Record<string, unknown>) => readStageConfig((key) => context[key], env);
const problemsOf = (context: Record<string, unknown>): string[] => {
  try {
    read(context);
  } catch (error) {
    if (error instanceof StageConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a StageConfigError');
};

describe('readStageConfig', () => {
  it('gives dev localhost defaults so synth needs no context', () => {
    const config = read({});
    expect(config).toMatchObject({
      stage: 'dev',
      webOrigin: 'http://localhost:3000',
      callbackUrls: ['http://localhost:3000/auth/oidc/callback'],
      logoutUrls: ['http://localhost:3000/'],
      alertEmail: undefined,
      budgetUsd: 100,
      authDomainPrefix: 'docent-dev-123456789012',
      answerModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    });
  });

  it('names the SSM parameters and secrets of the identity providers per stage', () => {
    const config = read({ ...prodContext, googleClientId: 'g-id' });
    expect(config.google).toEqual({
      clientId: 'g-id',
      clientIdParameter: '/docent/prod/google/client-id',
      clientSecretName: 'docent/prod/google-client-secret',
    });
    expect(config.amazon).toEqual({
      clientId: undefined,
      clientIdParameter: '/docent/prod/amazon/client-id',
      clientSecretName: 'docent/prod/amazon-client-secret',
    });
  });

  it('lists every value prod is missing at once', () => {
    expect(problemsOf({ stage: 'prod' })).toEqual([
      '"webOrigin" is required for stage prod.',
      '"callbackUrls" is required for stage prod.',
      '"logoutUrls" is required for stage prod.',
      '"alertEmail" is required for stage prod.',
    ]);
  });

  it('reads URL lists from a comma-separated string (-c) or an array (cdk.json)', () => {
    const config = read({ ...prodContext, callbackUrls: ' https://a.example/cb , https://b.example/cb ' });
    expect(config.callbackUrls).toEqual(['https://a.example/cb', 'https://b.example/cb']);
    expect(read({ ...prodContext, logoutUrls: ['https://a.example/'] }).logoutUrls).toEqual(['https://a.example/']);
  });

  it('refuses plain http except for localhost, and an origin with a path', () => {
    expect(
      problemsOf({ ...prodContext, webOrigin: 'https://docent.example/app', callbackUrls: 'http://docent.example/cb' }),
    ).toEqual([
      '"webOrigin" must be an origin (scheme, host and port only): "https://docent.example/app".',
      '"callbackUrls" must use https (http only for localhost): "http://docent.example/cb".',
    ]);
    expect(read({ ...prodContext, webOrigin: 'https://docent.example/' }).webOrigin).toBe('https://docent.example');
  });

  it('refuses an unknown stage, a bad email, a bad budget and a reserved domain prefix', () => {
    expect(problemsOf({ stage: 'staging' })).toEqual(['"stage" must be one of dev, prod (got "staging").']);
    expect(problemsOf({ alertEmail: 'ops', budgetUsd: '-5', authDomainPrefix: 'my-cognito' })).toEqual([
      '"alertEmail" is not an email address: "ops".',
      '"budgetUsd" must be a positive number.',
      '"authDomainPrefix" must be lower-case letters, digits and hyphens without "aws", "amazon" or "cognito".',
    ]);
    expect(problemsOf({ webOrigin: 42 })).toEqual(['"webOrigin" must be a string.']);
  });

  it('names resources docent-{stage}-{role}', () => {
    expect(resourceName('prod', 'users')).toBe('docent-prod-users');
  });
});

const prodContext = {
  stage: 'prod',
  webOrigin: 'https://docent.example',
  callbackUrls: 'https://docent.example/cb',
  logoutUrls: 'https://docent.example/',
  alertEmail: 'ops@example.com',
};
