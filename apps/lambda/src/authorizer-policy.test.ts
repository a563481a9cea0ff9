import { describe, expect, it } from 'vitest';
import { stageWildcard } from './authorizer-policy.ts';

describe('stageWildcard', () => {
  it('widens a method ARN to every method and path of its stage', () => {
    expect(stageWildcard('arn:aws:execute-api:eu-west-1:123456789012:puhdx84jy9/prod/POST/documents/upload')).toBe(
      'arn:aws:execute-api:eu-west-1:123456789012:puhdx84jy9/prod/*',
    );
  });

  it('refuses what is not a method ARN rather than allowing too much', () => {
    expect(() => stageWildcard('arn:aws:execute-api:eu-west-1:123456789012:puhdx84jy9')).toThrow(/method ARN/u);
    expect(() => stageWildcard('*/prod/GET/')).toThrow(/method ARN/u);
  });
});
