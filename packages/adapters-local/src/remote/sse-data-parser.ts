/**
 * Incremental parser of a Server-Sent Events stream that keeps only what chat APIs use: the `data` of
 * each event (several `data:` lines joined by `\n`). Comments (`: keep-alive`), `event:`, `id:` and
 * `retry:` lines are skipped. Text may be fed in pieces cut anywhere, even between `\r` and `\n`.
 */
export class SseDataParser {
  #pending = '';
  #data: string[] = [];

  /** Feeds the next piece of decoded text; returns the data of every event it completed, in order. */
  push(text: string): string[] {
    const buffer = this.#pending + text;
    // A trailing `\r` may be the first half of `\r\n`: held back so it does not count as two line ends.
    const usable = buffer.endsWith('\r') ? buffer.length - 1 : buffer.length;
    const lines = buffer.slice(0, usable).split(/\r\n|\r|\n/);
    this.#pending = (lines.pop() ?? '') + buffer.slice(usable);
    const events: string[] = [];
    for (const line of lines) {
      const event = this.#line(line);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** Ends the stream: the data of a last event that was not followed by a blank line, if any. */
  end(): string[] {
    const events = this.push('\n\n');
    this.#pending = '';
    return events;
  }

  #line(line: string): string | undefined {
    if (line === '') {
      if (this.#data.length === 0) return undefined;
      const event = this.#data.join('\n');
      this.#data = [];
      return event;
    }
    const colon = line.indexOf(':');
    const name = colon === -1 ? line : line.slice(0, colon);
    if (name !== 'data') return undefined;
    const value = colon === -1 ? '' : line.slice(colon + 1);
    this.#data.push(value.startsWith(' ') ? value.slice(1) : value);
    return undefined;
  }
}
