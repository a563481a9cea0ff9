import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise, qaDevDocument } from '../test-support/qa-dev.ts';
import { structuredText, withoutWhitespace } from '../test-support/text-properties.ts';
import { extractMarkdown, markdownBlocks } from './markdown-extractor.ts';

describe('extractMarkdown on the zstd README', () => {
  const document = extractMarkdown(qaDevDocument('zstd-README.md'));

  it('keeps the raw source, markers included', () => {
    expect(document.blocks[1]?.text).toMatch(/^__Zstandard__, or `zstd` as short version/);
    expect(document.blocks).toContainEqual({ kind: 'heading', text: '## Benchmarks', level: 2 });
    expect(document.blocks).toContainEqual({ kind: 'heading', text: '### Makefile', level: 3 });
    expect(document.blocks).toContainEqual({ kind: 'list-item', text: '1. Create the dictionary' });
    expect(document.blocks).toContainEqual({
      kind: 'table-row',
      text: '| **zstd 1.5.1 -1**       | 2.887 |   530 MB/s |  1700 MB/s |',
    });
  });

  it('has no title without a level-1 heading', () => {
    expect(document.title).toBeUndefined();
  });
});

describe('markdownBlocks', () => {
  it('cuts at blank lines and headings, and keeps fenced code whole', () => {
    const source = [
      'Guide',
      '=====',
      'Intro line one',
      'line two',
      '## Install ##',
      '```sh',
      'make',
      '',
      'make install',
      '```',
      '',
      'Sub part',
      '--------',
      '- first',
      '  continued',
      '- second',
    ].join('\n');
    expect(markdownBlocks(source)).toEqual([
      { kind: 'heading', text: 'Guide\n=====', level: 1 },
      { kind: 'paragraph', text: 'Intro line one\nline two' },
      { kind: 'heading', text: '## Install ##', level: 2 },
      { kind: 'code', text: '```sh\nmake\n\nmake install\n```' },
      { kind: 'heading', text: 'Sub part\n--------', level: 2 },
      { kind: 'list-item', text: '- first\n  continued' },
      { kind: 'list-item', text: '- second' },
    ]);
  });

  it('runs an unclosed fence to the end and closes only on a matching fence', () => {
    expect(markdownBlocks('~~~~\ncode\n```\n~~~\nstill code')).toEqual([
      { kind: 'code', text: '~~~~\ncode\n```\n~~~\nstill code' },
    ]);
  });

  it('takes the title from the first level-1 heading without markers', () => {
    expect(extractMarkdown(new TextEncoder().encode('intro\n\n# The *Guide* #\n\n# Second')).title).toBe('The *Guide*');
  });

  it('never loses or reorders a non-whitespace character', () => {
    fc.assert(
      fc.property(structuredText(), (text) => {
        const joined = markdownBlocks(text)
          .map((block) => block.text)
          .join(' ');
        expect(withoutWhitespace(normalise(joined))).toBe(withoutWhitespace(normalise(text)));
      }),
      { numRuns: 500 },
    );
  });
});
