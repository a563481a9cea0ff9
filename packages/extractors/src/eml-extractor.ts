import type { RawDocument } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { messageBlocks } from './mail-message.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

const EML_TYPE = 'message/rfc822';
/** A header line: a field name of printable characters but the colon, then a colon. */
const HEADER_LINE = /^[!-9;-~]+:/;
const MESSAGE_HEADERS = /^(?:from|date|subject|message-id|received|mime-version):/i;

/**
 * True when text opens with a header block (lines up to the first blank line) that holds at
 * least two of the headers every message carries, so plain notes starting with `Note:` stay text.
 */
export const startsLikeMessage = (text: string): boolean => {
  const head = text.slice(0, 16 * 1024).split(/\r?\n\r?\n/, 1)[0] ?? '';
  const lines = head.split(/\r?\n/);
  if (!HEADER_LINE.test(lines[0] ?? '')) return false;
  return lines.filter((line) => MESSAGE_HEADERS.test(line)).length >= 2;
};

/**
 * A saved e-mail (`.eml`): subject, headers, body and text attachments (see `mail-message.ts`).
 * Throws `binary_content` for non-UTF-8 bytes, `too_large` past `maxExtractedChars`.
 */
export const extractEml = async (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<RawDocument> => {
  const blocks = await messageBlocks(decodeTextContent(bytes), new CharBudget(limits.maxExtractedChars), 1);
  return finishDocument(EML_TYPE, blocks, { title: blocks[0]?.text });
};

/** E-mail messages: the `.eml` extension, or text that opens with a message's header block. */
export const EML_FORMAT: FormatDefinition = {
  contentType: EML_TYPE,
  label: 'E-mail',
  extensions: ['eml'],
  detection: { kind: 'text', sniff: startsLikeMessage },
  extract: extractEml,
};
