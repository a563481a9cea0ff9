import { describe, expect, it } from 'vitest';
import { detectType } from './detect-type.ts';
import type { FormatDefinition } from './format-definition.ts';
import { describeFormats, FORMATS, formatOf } from './format-registry.ts';

const text = (value: string) => new TextEncoder().encode(value);

describe('the format registry', () => {
  it('gives each format its own content type, a label and lower-case extensions no other format claims', () => {
    const types = FORMATS.map((format) => format.contentType);
    expect(new Set(types).size).toBe(types.length);
    const extensions = FORMATS.flatMap((format) => format.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const format of FORMATS) {
      expect(format.label).not.toBe('');
      expect(format.extensions.length).toBeGreaterThan(0);
      for (const extension of format.extensions) expect(extension).toMatch(/^[a-z0-9]+$/);
    }
  });

  it('keeps plain text last, the type of text nothing else claims', () => {
    expect(FORMATS.at(-1)?.contentType).toBe('text/plain');
  });

  it('describes the formats for clients without their machinery', () => {
    expect(describeFormats()[0]).toEqual({ contentType: 'application/pdf', label: 'PDF', extensions: ['pdf'] });
    expect(formatOf('text/html')?.label).toBe('HTML');
    expect(formatOf('application/x-unknown')).toBeUndefined();
  });

  it('detects only what a given registry holds, in its order', () => {
    const first: FormatDefinition = {
      contentType: 'text/x-first',
      label: 'First',
      extensions: ['first'],
      detection: { kind: 'text', sniff: (value) => value.startsWith('#!first') },
      extract: () => {
        throw new Error('not called');
      },
    };
    const plain = formatOf('text/plain');
    if (plain === undefined) throw new Error('plain text is registered');
    expect(detectType('a.first', text('anything'), [first, plain])).toBe('text/x-first');
    expect(detectType('a', text('#!first line'), [first, plain])).toBe('text/x-first');
    expect(detectType('a', text('other'), [first, plain])).toBe('text/plain');
    expect(detectType('a', text('other'), [first])).toBeNull();
  });
});
