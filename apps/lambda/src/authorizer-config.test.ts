import { describe, expect, it } from 'vitest';
import { loadAuthorizerConfig } from './authorizer-config.ts';

describe('loadAuthorizerConfig', () => {
  it('reads the pool and client the stack sets', () => {
    expect(
      loadAuthorizerConfig({ DOCENT_USER_POOL_ID: 'eu-west-1_Abc', DOCENT_USER_POOL_CLIENT_ID: 'client' }),
    ).toEqual({
      userPoolId: 'eu-west-1_Abc',
      clientId: 'client',
    });
  });

  it('names every missing setting at once', () => {
    expect(() => loadAuthorizerConfig({ DOCENT_USER_POOL_ID: ' ' })).toThrow(
      /DOCENT_USER_POOL_ID: required\nDOCENT_USER_POOL_CLIENT_ID: required/u,
    );
  });
});
