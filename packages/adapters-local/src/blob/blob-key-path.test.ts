import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blobKeyPath } from './blob-key-path.ts';

const ROOT = path.resolve('/srv/docent/blobs');

describe('blobKeyPath', () => {
  it('maps a key to the matching relative path under the root', () => {
    expect(blobKeyPath(ROOT, 'documents/u-1/d_2.pdf')).toBe(path.join(ROOT, 'documents', 'u-1', 'd_2.pdf'));
  });

  it('refuses keys that could escape the root or hide a file', () => {
    for (const key of [
      '',
      '..',
      '../x',
      'a/../../x',
      './a',
      'a/./b',
      '/etc/passwd',
      'a//b',
      'a/',
      'a\\..\\b',
      '.hidden',
      'a/.tmp',
      'a\0b',
      'ä',
    ]) {
      expect(() => blobKeyPath(ROOT, key), key).toThrow(expect.objectContaining({ code: 'validation_failed' }));
    }
  });

  it('property: whatever key it accepts resolves strictly inside the root', () => {
    const segment = fc.string({
      unit: fc.constantFrom('a', 'Z', '0', '.', '-', '_', '/', '\\', ' '),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(segment, (key) => {
        let resolved: string;
        try {
          resolved = blobKeyPath(ROOT, key);
        } catch {
          return;
        }
        expect(resolved.startsWith(`${ROOT}${path.sep}`)).toBe(true);
        expect(path.relative(ROOT, resolved).split(path.sep)).toEqual(key.split('/'));
      }),
      { numRuns: 500 },
    );
  });
});
