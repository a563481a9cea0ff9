import { describeFormats } from '@docent/extractors';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_FORMATS } from '../apps/web/src/documents/accepted-formats.ts';

describe('the web app list of accepted formats', () => {
  it('is the registry today (run scripts/generate-web-formats.ts after adding a format)', () => {
    expect(ACCEPTED_FORMATS).toEqual(describeFormats());
  });
});
