/** One server-sent event with its JSON data parsed. */
export interface StreamEvent {
  event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read event payloads field by field, as parsed JSON.
  data: any;
}

/** Parses a whole `text/event-stream` body into its events (data lines joined, as the spec says). */
export const parseEventStream = (text: string): StreamEvent[] =>
  text
    .split(/\r?\n\r?\n/u)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/u)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /u, ''));
      }
      return { event, data: JSON.parse(data.join('\n')) };
    });
