import type { RawBlock } from '@docent/domain';
import { type AddressObject, type Attachment, simpleParser } from 'mailparser';
import type { CharBudget } from './extraction-limits.ts';
import { htmlBlocks } from './html-extractor.ts';
import { splitAtBlankLines } from './raw-blocks.ts';
import { decodeUtf8 } from './utf8-text.ts';

/** Attachments whose text is read; others (images, PDFs, archives) are named only. */
const TEXT_ATTACHMENTS = new Set(['text/plain', 'text/markdown', 'text/csv', 'text/html', 'text/x-markdown']);
/** Addresses and headers that stay readable in one block. */
const MAX_HEADER_CHARS = 2000;

const addresses = (value: AddressObject | AddressObject[] | undefined): string | undefined => {
  const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const text = list.map((address) => address.text).join(', ');
  return text === '' ? undefined : text.slice(0, MAX_HEADER_CHARS);
};

const textBlocks = (text: string, budget: CharBudget): RawBlock[] =>
  splitAtBlankLines(text).map((paragraph) => {
    budget.take(paragraph.length);
    return { kind: 'paragraph', text: paragraph };
  });

const attachmentBlocks = (attachment: Attachment, budget: CharBudget): RawBlock[] => {
  const name = attachment.filename ?? attachment.contentType;
  const heading: RawBlock = { kind: 'heading', level: 3, text: `Attachment: ${name}` };
  const text = TEXT_ATTACHMENTS.has(attachment.contentType) ? decodeUtf8(attachment.content) : null;
  if (text === null) return [];
  const body = attachment.contentType === 'text/html' ? htmlBlocks(text, budget).blocks : textBlocks(text, budget);
  return [heading, ...body];
};

/**
 * One message as blocks: its subject as a heading at `level`, the From, To, Cc and Date headers
 * one per block, then the body (the text/plain part when there is one, else the HTML part read
 * as HTML), then each text attachment under its own heading.
 */
export const messageBlocks = async (source: string, budget: CharBudget, level: number): Promise<RawBlock[]> => {
  // skipHtmlToText: `text` is then a real text/plain part, never mailparser's rendering of the HTML.
  const mail = await simpleParser(source, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true });
  const subject = mail.subject?.trim() || '(no subject)';
  const headers: Array<[string, string | undefined]> = [
    ['From', addresses(mail.from)],
    ['To', addresses(mail.to)],
    ['Cc', addresses(mail.cc)],
    ['Date', mail.date?.toUTCString()],
  ];
  const blocks: RawBlock[] = [{ kind: 'heading', level, text: subject }];
  for (const [name, value] of headers) {
    if (value !== undefined) blocks.push({ kind: 'paragraph', text: `${name}: ${value}` });
  }
  budget.take(blocks.reduce((sum, block) => sum + block.text.length, 0));
  if (mail.text?.trim()) blocks.push(...textBlocks(mail.text, budget));
  else if (mail.html) blocks.push(...htmlBlocks(mail.html, budget).blocks);
  for (const attachment of mail.attachments) blocks.push(...attachmentBlocks(attachment, budget));
  return blocks;
};
