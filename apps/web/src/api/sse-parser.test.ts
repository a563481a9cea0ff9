import { describe, expect, it } from 'vitest';
import { readSseEvents, type SseEvent, SseParser } from './sse-parser.ts';

const parseAll = (chunks: string[]): SseEvent[] => {
  const parser = new SseParser();
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
};

const STREAM =
  ': keep-alive comment\r\n' +
  'event: token\r\ndata: {"text":"Leave is"}\r\n\r\n' +
  'event: token\ndata:{"text":" 25 days"}\n\n' +
  'data: first line\ndata: second line\n\n' +
  'event: answer\rdata: {"answer":"Leave is 25 days.","citations":[]}\r\r';

const EXPECTED: SseEvent[] = [
  { event: 'token', data: '{"text":"Leave is"}' },
  { event: 'token', data: '{"text":" 25 days"}' },
  { event: 'message', data: 'first line\nsecond line' },
  { event: 'answer', data: '{"answer":"Leave is 25 days.","citations":[]}' },
];

const bytesStream = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });

const collect = async (body: ReadableStream<Uint8Array>) => {
  const events: SseEvent[] = [];
  for await (const event of readSseEvents(body)) events.push(event);
  return events;
};

describe('SseParser', () => {
  it('parses event and data fields, comments, multi-line data and all three line endings', () => {
    expect(parseAll([STREAM])).toEqual(EXPECTED);
  });

  it('gives the same events however the text is split into two or three chunks', () => {
    for (let first = 0; first <= STREAM.length; first += 1) {
      for (let second = first; second <= STREAM.length; second += 7) {
        const chunks = [STREAM.slice(0, first), STREAM.slice(first, second), STREAM.slice(second)];
        expect(parseAll(chunks), `split at ${first}/${second}`).toEqual(EXPECTED);
      }
    }
  });

  it('does not take a \\r\\n split across chunks for two line ends', () => {
    // Read eagerly, the `\n` would end an empty line and dispatch before the data, losing the event name.
    expect(parseAll(['event: answer\r', '\ndata: 1\r', '\n\r', '\n'])).toEqual([{ event: 'answer', data: '1' }]);
  });

  it('emits events as soon as their blank line arrives', () => {
    const parser = new SseParser();
    expect(parser.push('event: token\ndata: {"text":"a"}\n')).toEqual([]);
    expect(parser.push('\nevent: tok')).toEqual([{ event: 'token', data: '{"text":"a"}' }]);
  });

  it('drops an event the stream ended before finishing, and blocks without data', () => {
    expect(parseAll(['event: ping\n\n', 'event: answer\ndata: {"x":1}'])).toEqual([]);
  });

  it('ignores a leading byte-order mark', () => {
    expect(parseAll(['\uFEFFdata: x\n\n'])).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('readSseEvents', () => {
  it('decodes UTF-8 characters split between network chunks', async () => {
    const bytes = new TextEncoder().encode('event: token\ndata: {"text":"héllo — ✓ 😀"}\n\n');
    for (let cut = 1; cut < bytes.length; cut += 1) {
      const events = await collect(bytesStream([bytes.slice(0, cut), bytes.slice(cut)]));
      expect(events, `cut at byte ${cut}`).toEqual([{ event: 'token', data: '{"text":"héllo — ✓ 😀"}' }]);
    }
  });

  it('delivers each event before the rest of the stream has arrived', async () => {
    let push!: (text: string) => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => controller.enqueue(new TextEncoder().encode(text));
      },
    });
    const events = readSseEvents(body);
    push('data: one\n\n');
    expect((await events.next()).value).toEqual({ event: 'message', data: 'one' });
    await events.return(undefined);
  });
});
