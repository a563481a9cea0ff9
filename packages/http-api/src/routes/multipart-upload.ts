import type { IncomingMessage } from 'node:http';
import { DocentError, fileTooLarge, type UploadDocumentInput } from '@docent/domain';
import type { FastifyRequest } from 'fastify';

/** Room for multipart boundaries and part headers on top of the file itself. */
const MULTIPART_OVERHEAD_BYTES = 16 * 1024;

/** The form field that carries the document. */
export const FILE_FIELD = 'file';

const hasCode = (error: unknown, code: string): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

const hasStatus = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && typeof (error as { statusCode?: unknown }).statusCode === 'number';

/** Busboy reports broken multipart framing as plain errors; they are the client's fault, not ours. */
const translate = (error: unknown, maxUploadBytes: number): unknown => {
  if (hasCode(error, 'FST_REQ_FILE_TOO_LARGE')) return fileTooLarge(maxUploadBytes);
  if (hasCode(error, 'FST_FILES_LIMIT')) {
    return new DocentError('validation_failed', `Send exactly one file, in the field "${FILE_FIELD}"`);
  }
  if (error instanceof DocentError || hasStatus(error)) return error;
  return new DocentError('validation_failed', 'The multipart body is malformed', { cause: error });
};

/**
 * Counts the body's bytes as they arrive, whatever their framing (a chunked body declares no length)
 * and whatever part they belong to: the parser skips an oversized file, a preamble or an epilogue by
 * reading it to its end, which for a hostile stream is never. Past `limit` it stops reading (unpipes
 * the parser and pauses the socket) and rejects `exceeded`; the error reply then closes the connection.
 */
const capBody = (raw: IncomingMessage, limit: number, error: () => DocentError) => {
  let received = 0;
  let onData: (chunk: Buffer) => void = () => {};
  const exceeded = new Promise<never>((_, reject) => {
    onData = (chunk) => {
      received += chunk.byteLength;
      if (received <= limit) return;
      raw.off('data', onData);
      raw.unpipe();
      raw.pause();
      reject(error());
    };
  });
  // Attached before the parser pipes the body in the same tick, so it sees every chunk the parser sees.
  raw.on('data', onData);
  return { exceeded, release: () => raw.off('data', onData) };
};

const readFilePart = async (request: FastifyRequest, maxUploadBytes: number): Promise<UploadDocumentInput> => {
  let upload: UploadDocumentInput | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname === FILE_FIELD && upload === null) {
        upload = { name: part.filename, bytes: new Uint8Array(await part.toBuffer()) };
      } else {
        part.file.resume();
      }
    }
  } catch (error) {
    throw translate(error, maxUploadBytes);
  }
  if (upload === null) {
    throw new DocentError('validation_failed', `body.${FILE_FIELD} is required: send the document as a file part`);
  }
  return upload;
};

/**
 * Reads the one file of a multipart upload into memory, never buffering more than `maxUploadBytes`:
 * a declared length over the limit is refused before reading, the parser's `fileSize` limit stops
 * a longer file, and the body cap stops any body (chunked ones included) soon after the limit plus
 * the multipart overhead. Other parts are drained so the request always completes.
 */
export const readUploadedFile = async (
  request: FastifyRequest,
  maxUploadBytes: number,
): Promise<UploadDocumentInput> => {
  if (!request.isMultipart()) {
    throw new DocentError(
      'unsupported_media_type',
      `Send the file as multipart/form-data in the field "${FILE_FIELD}"`,
    );
  }
  const bodyLimit = maxUploadBytes + MULTIPART_OVERHEAD_BYTES;
  if (Number(request.headers['content-length']) > bodyLimit) throw fileTooLarge(maxUploadBytes);
  const cap = capBody(request.raw, bodyLimit, () => fileTooLarge(maxUploadBytes));
  try {
    // The loser's rejection is handled by the race; a capped read settles when the socket closes.
    return await Promise.race([readFilePart(request, maxUploadBytes), cap.exceeded]);
  } finally {
    cap.release();
  }
};
