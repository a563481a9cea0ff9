/** One server-sent event: its type (`message` when unnamed) and its data lines joined by newlines. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Incremental parser for `text/event-stream` text. Network chunks may split anywhere (inside a
 * field name, between `\r` and `\n`), so it keeps the unfinished tail until more text arrives.
 * Follows the HTML spec's rules: `\r\n`, `\r` or `\n` end lines, a blank line dispatches,
 * `:` starts a comment, one space after the colon is dropped, an unterminated event at the end is dropped.
 */
export class SseParser {
  #buffer = '';
  #event = '';
  #data: string[] = [];
  #started = false;

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): SseEvent[] {
    this.#buffer += text;
    if (!this.#started && this.#buffer !== '') {
      this.#started = true;
      if (this.#buffer.startsWith('\uFEFF')) this.#buffer = this.#buffer.slice(1);
    }
    return this.#drain(false);
  }

  /** Signals the end of the stream; returns any event completed by a trailing `\r`. */
  end(): SseEvent[] {
    return this.#drain(true);
  }

  #drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    for (let match = lineEnd.exec(this.#buffer); match !== null; match = lineEnd.exec(this.#buffer)) {
      // A lone `\r` at the end may be the first half of `\r\n`: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.#buffer.length - 1 && !final) break;
      this.#line(this.#buffer.slice(start, match.index), events);
      start = match.index + match[0].length;
    }
    this.#buffer = this.#buffer.slice(start);
    return events;
  }

  #line(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.#data.length > 0) events.push({ event: this.#event || 'message', data: this.#data.join('\n') });
      this.#event = '';
      this.#data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.#event = value;
    else if (field === 'data') this.#data.push(value);
  }
}

/** Reads a byte stream as server-sent events, decoding UTF-8 that may be split across chunks. */
export async function* readSseEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      yield* parser.push(decoder.decode(value, { stream: true }));
    }
    yield* parser.push(decoder.decode());
    yield* parser.end();
  } finally {
    // Stops the download when the consumer leaves early (answer received, or aborted).
    await reader.cancel().catch(() => undefined);
  }
}
