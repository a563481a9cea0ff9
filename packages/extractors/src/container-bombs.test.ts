import { describe, expect, it } from 'vitest';
import { failureCode } from '../test-support/format-fixtures.ts';
import { type BombContainer, containerBomb } from '../test-support/hostile-files.ts';
import { DocumentExtractor } from './document-extractor.ts';

const MIB = 1024 * 1024;
// 64 MB of one letter against an 8 MB limit: inflating stops at the limit, whatever the headers say.
const extractor = new DocumentExtractor({ maxInflatedBytes: 8 * MIB });

describe('ZIP bombs in the zipped-XML formats', () => {
  it.each([
    ['pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['odt', 'application/vnd.oasis.opendocument.text'],
    ['epub', 'application/epub+zip'],
  ] as const)(
    'a %s bomb is detected as its container and refused with too_large',
    async (container: BombContainer, type) => {
      const bomb = containerBomb(container, 64 * MIB);
      expect(bomb.bytes.length).toBeLessThan(MIB);
      expect(extractor.detectType(bomb.name, bomb.bytes)).toBe(type);
      expect(await failureCode(() => extractor.extract(bomb.bytes, type))).toBe('too_large');
    },
  );
});
