import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, formatFixture } from '../test-support/format-fixtures.ts';
import { detectType } from './detect-type.ts';
import { extractRtf } from './rtf-extractor.ts';

const rtf = (source: string) => extractRtf(new TextEncoder().encode(source));

describe('extractRtf', () => {
  it('is detected by its extension or its {\\rtf start', () => {
    const memo = formatFixture('memo.rtf');
    expect(detectType('memo.rtf', memo)).toBe('application/rtf');
    expect(detectType('memo', memo)).toBe('application/rtf');
    expect(detectType('memo.txt', memo)).toBe('text/plain');
  });

  it('reads the pandoc memo: outline levels as headings, Unicode escapes without their fallbacks', () => {
    const document = extractRtf(formatFixture('memo.rtf'));
    expectSpansInOrder(document, [
      'Beekeeping Memo',
      'Hive Inspection',
      'The apiary on Calloway Hill holds fourteen hives; inspect each one every nine days in summer.',
      'The café in Évian-les-Bains buys the heather honey at €12 a jar — naïve pricing, says Zoë.',
      'Extract the honey only when at least 80 % of the frame is capped.',
    ]);
    expect(document.blocks.filter((block) => block.kind === 'heading').map((block) => block.text)).toEqual([
      'Hive Inspection',
      'Honey Harvest',
    ]);
  });

  it('decodes code-page bytes, skips tables of fonts and starred destinations, and keeps table rows', () => {
    const document = rtf(
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}{\\*\\generator Word;}Gr\\'fc\\'dfe\\par" +
        "\\trowd\\intbl Apples\\cell 3\\cell\\row\\uc2 x\\u8364\\'80\\'80 y\\par}",
    );
    expect(document.blocks.map((block) => [block.kind, block.text])).toEqual([
      ['paragraph', 'Grüße'],
      ['table-row', 'Apples\t3'],
      ['paragraph', 'x€ y'],
    ]);
  });

  it('survives groups nested far deeper than it keeps', () => {
    const deep = `{\\rtf1 ${'{'.repeat(100_000)}deep text${'}'.repeat(100_000)}\\par}`;
    expect(rtf(deep).blocks.map((block) => block.text)).toEqual(['deep text']);
  });
});
