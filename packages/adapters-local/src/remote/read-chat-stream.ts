import type { LlmResponse, LlmUsage } from '@docent/domain';
import { DocentError } from '@docent/domain';
import type { IdleDeadline } from '@docent/retry';
import { parseChatChunk } from './parse-chat-completion.ts';
import { SseDataParser } from './sse-data-parser.ts';

/** The result of one request attempt: a reply, or why it failed and whether trying again may help. */
export type ChatAttempt =
  | { ok: true; response: LlmResponse }
  | { ok: false; retryable: boolean; message: string; status?: number; retryAfterMs?: number };

/** Whether any text reached `onText` yet: from then on a failure is final, as a retry would repeat text. */
export interface StreamProgress {
  delivered: boolean;
}

/** What {@link readChatStream} needs besides the body. */
export interface ChatStreamReading {
  /** `The chat server at {host}`, to start messages with. */
  server: string;
  /** Restarted on every piece received: bounds the silence between pieces. */
  deadline: IdleDeadline;
  onText: (delta: string) => void;
  progress: StreamProgress;
  /** Turns a failed read (timeout, dropped connection) into an attempt; rethrows a caller abort. */
  broken: (error: unknown) => ChatAttempt;
}

/**
 * Reads an SSE chat stream (`data: {chunk}` events ending with `data: [DONE]`), handing every non-empty
 * `delta.content` to `onText` as it arrives and keeping the finish reason and the usage chunk. Bytes are decoded
 * as a stream, so a character or an event cut between network reads comes out whole. A stream that ends without
 * `[DONE]` or a finish reason was cut short: a retryable failure. The body is released in every case.
 *
 * @throws DocentError `llm_failed` (not retryable) for an event that is not chunk JSON; whatever `onText` throws.
 */
export const readChatStream = async (
  body: ReadableStream<Uint8Array>,
  reading: ChatStreamReading,
): Promise<ChatAttempt> => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const parser = new SseDataParser();
  let text = '';
  let finishReason: LlmResponse['finishReason'] | undefined;
  let usage: LlmUsage | undefined;
  const finished = (): ChatAttempt => ({
    ok: true,
    response: { text, finishReason: finishReason ?? 'other', ...(usage ? { usage } : {}) },
  });
  try {
    for (;;) {
      let read: Awaited<ReturnType<typeof reader.read>>;
      try {
        read = await reader.read();
      } catch (error) {
        return reading.broken(error);
      }
      reading.deadline.restart();
      const events = read.done
        ? [...parser.push(decoder.decode()), ...parser.end()]
        : parser.push(decoder.decode(read.value, { stream: true }));
      for (const data of events) {
        if (data === '[DONE]') return finished();
        const chunk = parseChatChunk(parseEventJson(data));
        if (chunk.error !== undefined) {
          // The request was accepted (HTTP 200), so this is the server failing, not the request being wrong.
          return { ok: false, retryable: true, message: `${reading.server} failed mid-stream: ${chunk.error}` };
        }
        finishReason = chunk.finishReason ?? finishReason;
        usage = chunk.usage ?? usage;
        if (chunk.delta !== '') {
          text += chunk.delta;
          reading.progress.delivered = true;
          reading.onText(chunk.delta);
        }
      }
      if (read.done) break;
    }
  } finally {
    // Frees the connection when we stop early ([DONE] before the end, a bad event, a throwing onText).
    reader.cancel().catch(() => {});
  }
  if (finishReason === undefined) {
    return { ok: false, retryable: true, message: `${reading.server} ended the stream before the reply was complete` };
  }
  return finished();
};

const parseEventJson = (data: string): unknown => {
  try {
    return JSON.parse(data);
  } catch {
    throw new DocentError('llm_failed', 'The chat server sent a stream event that is not JSON.', {
      details: { event: data.slice(0, 200) },
    });
  }
};
