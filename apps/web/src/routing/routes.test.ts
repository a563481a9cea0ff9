import { describe, expect, it } from 'vitest';
import { parseHash } from './routes.ts';

describe('parseHash', () => {
  it('reads the screen and its query', () => {
    const route = parseHash('#/oidc?code=abc%2F1');
    expect(route.name).toBe('oidc');
    expect(route.params.get('code')).toBe('abc/1');
    expect(parseHash('#/ask').name).toBe('ask');
    expect(parseHash('#history').name).toBe('history');
  });

  it('falls back to the documents screen', () => {
    expect(['', '#', '#/', '#/nope', '#main'].map((hash) => parseHash(hash).name)).toEqual(Array(5).fill('documents'));
  });
});
