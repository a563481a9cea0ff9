import type { ContentType } from '@docent/domain';
import type { FormatDefinition, ZipProbe } from './format-definition.ts';
import { FORMATS } from './format-registry.ts';
import { decodeUtf8, looksBinary } from './utf8-text.ts';
import { isZip, readZipMembers, zipMemberNames } from './zip-archive.ts';

export { startsLikeHtml } from './html-sniff.ts';

/*
 * How a file's type is decided from the registry's formats, in this order:
 * 1. The bytes decide binary formats, whatever the name says: a `bytes` format whose magic bytes
 *    match (PDF: `%PDF-` within the first 1024 bytes); a ZIP is the first `zip` format whose sniff
 *    accepts its members (DOCX: `word/document.xml`); any other ZIP is unsupported.
 * 2. A name with the extension of a binary (`bytes` or `zip`) format on bytes that are not that
 *    format is unsupported: a file labelled as a binary document is never reinterpreted as text.
 * 3. Everything else must be text: strict UTF-8 (a BOM is allowed), no NUL, few control characters.
 *    Anything else is unsupported, whatever its extension.
 * 4. A known extension of a `text` format decides among text formats (`.html` HTML, `.md` Markdown,
 *    `.txt` plain text). It wins over sniffing, so a `.txt` holding markup is shown as the text it is.
 * 5. Without a known extension, the first text format whose sniff accepts the text (HTML: it starts,
 *    after BOM, whitespace, comments and an XML declaration, with `<!doctype html` or `<html`);
 *    any other text is plain text.
 */

const PLAIN_TEXT = 'text/plain';
const MIMETYPE_MEMBER = 'mimetype';
/** ODF and EPUB store `mimetype` uncompressed as the first member: a few dozen bytes. */
const MAX_MIMETYPE_BYTES = 256;

const extensionOf = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

const readMimetype = (bytes: Uint8Array, names: readonly string[]): string | undefined => {
  if (!names.includes(MIMETYPE_MEMBER)) return undefined;
  try {
    const member = readZipMembers(bytes, [MIMETYPE_MEMBER], MAX_MIMETYPE_BYTES).get(MIMETYPE_MEMBER);
    return member === undefined ? undefined : (decodeUtf8(member)?.trim() ?? undefined);
  } catch {
    return undefined; // too large or damaged: not a container that declares its type this way
  }
};

const zipProbe = (bytes: Uint8Array): ZipProbe | null => {
  const names = zipMemberNames(bytes);
  return names === null ? null : { names: new Set(names), mimetype: readMimetype(bytes, names) };
};

const detectZip = (bytes: Uint8Array, formats: readonly FormatDefinition[]): ContentType | null => {
  const probe = zipProbe(bytes);
  if (probe === null) return null;
  for (const { detection, contentType } of formats) {
    if (detection.kind === 'zip' && detection.sniff(probe)) return contentType;
  }
  return null;
};

const detectText = (extension: string, text: string, formats: readonly FormatDefinition[]): ContentType | null => {
  const textFormats = formats.filter((format) => format.detection.kind === 'text');
  const byExtension = textFormats.find((format) => format.extensions.includes(extension));
  if (byExtension !== undefined) return byExtension.contentType;
  const sniffed = textFormats.find(({ detection }) => detection.kind === 'text' && detection.sniff?.(text) === true);
  if (sniffed !== undefined) return sniffed.contentType;
  return textFormats.some((format) => format.contentType === PLAIN_TEXT) ? PLAIN_TEXT : null;
};

/**
 * The content type of an uploaded file from its bytes and name, or null when it is not supported.
 * See the rules at the top of this file.
 */
export const detectType = (
  name: string,
  bytes: Uint8Array,
  formats: readonly FormatDefinition[] = FORMATS,
): ContentType | null => {
  for (const { detection, contentType } of formats) {
    if (detection.kind === 'bytes' && detection.sniff(bytes)) return contentType;
  }
  if (isZip(bytes)) return detectZip(bytes, formats);
  const extension = extensionOf(name);
  const binary = formats.some((format) => format.detection.kind !== 'text' && format.extensions.includes(extension));
  if (binary) return null;
  const text = decodeUtf8(bytes);
  if (text === null || looksBinary(text)) return null;
  return detectText(extension, text, formats);
};
