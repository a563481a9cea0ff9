import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseDataParser } from './sse-data-parser.ts';

const parseAll = (pieces: string[]): string[] => {
  const parser = new SseDataParser();
  return [...pieces.flatMap((piece) => parser.push(piece)), ...parser.end()];
};

describe('SseDataParser', () => {
  it('property: cutting the stream anywhere, with any line ending, gives the same events', () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'é', '{', '"', ' ', ':', '文'), maxLength: 12 });
    const event = fc.array(line, { minLength: 1, maxLength: 2 });
    const stream = fc.tuple(fc.array(event, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n', '\r'));
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 6 }), ([events, eol], cuts) => {
        const text = events
          .map((lines) => `${lines.map((data) => `data: ${data}${eol}`).join('')}: keep-alive${eol}${eol}`)
          .join('');
        const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((start, i) => text.slice(start, points[i] ?? text.length));
        expect(parseAll(pieces)).toEqual(events.map((lines) => lines.join('\n')));
      }),
    );
  });

  it('joins data lines, skips comments and other fields, and strips one space after the colon', () => {
    const text = ': hello\nevent: message\nid: 7\ndata:first\ndata:  second\nretry: 10\n\ndata\n\n\n\n';
    expect(parseAll([text])).toEqual(['first\n second', '']);
  });

  it('does not split a CRLF cut between its two characters into two line ends', () => {
    const parser = new SseDataParser();
    expect(parser.push('data: a\r')).toEqual([]);
    expect(parser.push('\ndata: b\r')).toEqual([]);
    expect(parser.push('\n\r\n')).toEqual(['a\nb']);
  });

  it('gives a last event left without its blank line at the end', () => {
    const parser = new SseDataParser();
    expect(parser.push('data: [DONE]')).toEqual([]);
    expect(parser.end()).toEqual(['[DONE]']);
    expect(parser.end()).toEqual([]);
  });
});
