import type { RawBlock, RawDocument } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { messageBlocks } from './mail-message.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

const MBOX_TYPE = 'application/mbox';
/** The separator line that starts each message: `From sender date`. */
const SEPARATOR = /^From \S.*$/m;
const QUOTED_FROM = /^>(>*From )/gm;

/** True when text opens with an mbox separator line followed by a header line. */
export const startsLikeMbox = (text: string): boolean => /^From \S[^\n]*\r?\n[!-9;-~]+:/.test(text.slice(0, 4096));

/** The messages of an mbox, separator lines removed and `>From ` quoting (mboxrd) undone. */
export const mboxMessages = (text: string): string[] =>
  text
    .split(new RegExp(SEPARATOR.source, 'gm'))
    .map((message) => message.replace(/^\r?\n/, '').replace(QUOTED_FROM, '$1'))
    .filter((message) => message.trim() !== '');

/**
 * A mailbox (`.mbox`): each message a section under its subject, in file order (see
 * `mail-message.ts`). Throws `binary_content` for non-UTF-8 bytes, `too_large` past `maxExtractedChars`.
 */
export const extractMbox = async (
  bytes: Uint8Array,
  limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS,
): Promise<RawDocument> => {
  const budget = new CharBudget(limits.maxExtractedChars);
  const blocks: RawBlock[] = [];
  for (const message of mboxMessages(decodeTextContent(bytes)))
    blocks.push(...(await messageBlocks(message, budget, 1)));
  return finishDocument(MBOX_TYPE, blocks);
};

/** Mailboxes: the `.mbox` extension, or text that opens with a `From ` separator and headers. */
export const MBOX_FORMAT: FormatDefinition = {
  contentType: MBOX_TYPE,
  label: 'Mailbox',
  extensions: ['mbox'],
  detection: { kind: 'text', sniff: startsLikeMbox },
  extract: extractMbox,
};
