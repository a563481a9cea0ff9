import type { ContentType } from '../entities/document.ts';
import { uploadFormatsMessage } from '../entities/document-format.ts';
import { DocentError } from '../errors.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import { fileTooLarge } from './file-too-large.ts';

// The checks every way of receiving a file shares: a direct upload, a presigned-upload request
// (before the bytes exist) and the processing of bytes that arrived through a presigned URL.

/** The default largest accepted file: 50 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const MAX_NAME_LENGTH = 255;

// Control characters (Cc) and invisible format characters (Cf: the bidi embeddings, overrides and
// isolates U+202A-U+202E and U+2066-U+2069, the marks U+200E, U+200F and U+061C, zero-width
// joiners, soft hyphens, tags), and the line and paragraph separators (Zl, Zp) that would break a
// name over lines. A right-to-left override would make `txt.exe` display as `exe.txt`,
// and invisible characters let two names that look alike differ.
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * The last path segment of a client's file name, without control or invisible format characters,
 * at most 255 characters.
 */
export const sanitizeFileName = (name: string): string => {
  const lastSegment = name.split(/[/\\]/u).at(-1) ?? '';
  const cleaned = lastSegment.replace(HIDDEN_CHARACTERS, '').trim();
  return [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
};

/** The sanitised file name; throws `validation_failed` when nothing is left of it. */
export const checkFileName = (name: string): string => {
  const sanitized = sanitizeFileName(name);
  if (sanitized === '') {
    throw new DocentError('validation_failed', 'The file needs a name.', { details: { fields: ['name'] } });
  }
  return sanitized;
};

/** Throws `payload_too_large` above `maxBytes` and `empty_document` for zero bytes. */
export const checkFileSize = (size: number, maxBytes: number): void => {
  if (size > maxBytes) throw fileTooLarge(maxBytes);
  if (size === 0) throw new DocentError('empty_document', 'The file is empty.');
};

/** The type the bytes and name say; throws `unsupported_media_type` when it is not one Docent reads. */
export const checkFileType = (extractor: TextExtractor, name: string, bytes: Uint8Array): ContentType => {
  const contentType = extractor.detectType(name, bytes);
  if (contentType === null) {
    throw new DocentError('unsupported_media_type', uploadFormatsMessage(extractor.formats));
  }
  return contentType;
};

/** Hex SHA-256 of the bytes: the per-owner deduplication key of a document. */
export const sha256Hex = async (bytes: Uint8Array): Promise<string> => {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
};
