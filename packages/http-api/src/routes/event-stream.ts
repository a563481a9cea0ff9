import type { Answer } from '@docent/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logHttpError } from '../errors/error-handler.ts';
import { toHttpError } from '../errors/to-http-error.ts';
import { presentAnswer } from '../presenters/answer.ts';
import { setSecurityHeaders } from '../security-headers.ts';

/** True when the client asked for server-sent events rather than one JSON body. */
export const wantsEventStream = (request: FastifyRequest): boolean =>
  (request.headers.accept ?? '').toLowerCase().includes('text/event-stream');

/**
 * Answers as server-sent events: `token` events (`{ text }`) while the answer is produced, then one
 * `answer` event with the same body as the JSON mode (citations, abstained flag, sources), or an
 * `error` event (`{ error: { code, message, retryable, requestId } }`) if it fails midway. The
 * status line is sent with the first event, so a question rejected before any text (validation,
 * unknown document) still gets its ordinary JSON error and status.
 */
export const streamAnswer = async (
  request: FastifyRequest,
  reply: FastifyReply,
  produce: (onText: (delta: string) => void) => Promise<Answer>,
): Promise<void> => {
  let started = false;
  const send = (event: string, data: unknown): void => {
    if (!started) {
      started = true;
      reply.hijack();
      reply.header('content-type', 'text/event-stream; charset=utf-8');
      // Proxies such as nginx would otherwise hold the tokens back until the end.
      reply.header('x-accel-buffering', 'no');
      setSecurityHeaders(request, reply);
      for (const [name, value] of Object.entries(reply.getHeaders())) {
        if (value !== undefined) reply.raw.setHeader(name, value);
      }
      reply.raw.writeHead(200);
    }
    if (!reply.raw.destroyed) reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  try {
    const answer = await produce((text) => {
      if (text !== '') send('token', { text });
    });
    send('answer', presentAnswer(answer));
  } catch (thrown) {
    if (!started) throw thrown;
    const error = toHttpError(thrown);
    logHttpError(request, error, thrown);
    const retryable = error.retryAfterSeconds !== undefined;
    send('error', { error: { code: error.code, message: error.message, retryable, requestId: request.id } });
  }
  reply.raw.end();
};
