import { describe, expect, it } from 'vitest';
import { expectSpansInOrder, formatFixture } from '../test-support/format-fixtures.ts';
import { csvRows, extractCsv, sniffDelimiter } from './csv-extractor.ts';
import { detectType } from './detect-type.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('extractCsv', () => {
  it('is CSV by its extension only; the same text without it is plain text', () => {
    const bytes = formatFixture('bridges.csv');
    expect(detectType('bridges.csv', bytes)).toBe('text/csv');
    expect(detectType('bridges', bytes)).toBe('text/plain');
  });

  it('renders the rows as Header: value pairs, quoted commas kept inside their cell', () => {
    const document = extractCsv(formatFixture('bridges.csv'));
    expect(document.blocks[2]?.text).toBe('Town: Brennick; Bridge: Old Mill Bridge, upper; Span (m): 38; Opened: 1788');
    expectSpansInOrder(document, ['Town: Alderford', 'Kingsway Bridge', 'Viaduct of the Seven Arches; Span (m): 402']);
  });

  it('parses quotes, doubled quotes, line breaks in fields and CRLF records', () => {
    expect([...csvRows('a,"b ""q"", c"\r\n"multi\nline",2\n', ',')]).toEqual([
      ['a', 'b "q", c'],
      ['multi\nline', '2'],
    ]);
  });

  it('finds semicolon and tab delimiters on the first line', () => {
    expect(sniffDelimiter('Name;Age\nAnn;3')).toBe(';');
    expect(sniffDelimiter('Name\tAge\tTown, state\n')).toBe('\t');
    const document = extractCsv(encode('Name;Age\nAnn;3\n'));
    expect(document.blocks.at(-1)?.text).toBe('Name: Ann; Age: 3');
  });
});
