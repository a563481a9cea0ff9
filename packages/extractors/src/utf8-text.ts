import { DocentError } from '@docent/domain';
import { CharBudget } from './extraction-limits.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Share of control characters above which text counts as binary. Tabs, line ends and ESC do not count. */
const MAX_CONTROL_SHARE = 0.02;
const TAB = 0x09;
const CARRIAGE_RETURN = 0x0d;
const ESCAPE = 0x1b;

// C0 controls except TAB, LF, VT, FF, CR and ESC (ANSI colour codes in logs), plus DEL and C1 controls.
const isControl = (code: number): boolean =>
  (code < 0x20 && (code < TAB || code > CARRIAGE_RETURN) && code !== ESCAPE) || (code >= 0x7f && code <= 0x9f);

/** The text of strict UTF-8 bytes without a leading BOM, or null when the bytes are not valid UTF-8. */
export const decodeUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
};

/** True when decoded text still looks like binary data: a NUL anywhere, or many control characters. */
export const looksBinary = (text: string): boolean => {
  if (text.includes('\u0000')) return true;
  let controls = 0;
  for (let index = 0; index < text.length; index++) {
    if (isControl(text.charCodeAt(index))) controls++;
  }
  return controls > text.length * MAX_CONTROL_SHARE;
};

/** Decodes a text format, throwing `binary_content` for invalid UTF-8, NUL bytes or control-heavy data. */
export const decodeTextContent = (bytes: Uint8Array): string => {
  const text = decodeUtf8(bytes);
  if (text === null) throw new DocentError('binary_content', 'The file is not valid UTF-8 text.');
  if (looksBinary(text)) throw new DocentError('binary_content', 'The file contains binary data, not text.');
  return text;
};

/**
 * Decodes a format whose blocks are its source text (plain text, Markdown): the source's length is
 * the extracted length, so `too_large` past `maxChars` is decided before any splitting.
 */
export const decodeSourceText = (bytes: Uint8Array, maxChars: number): string => {
  const text = decodeTextContent(bytes);
  new CharBudget(maxChars).take(text.length);
  return text;
};
