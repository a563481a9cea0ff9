import type { RawBlock, RawDocument } from '@docent/domain';
import { CharBudget, DEFAULT_EXTRACTION_LIMITS, type ExtractionLimits } from './extraction-limits.ts';
import type { FormatDefinition } from './format-definition.ts';
import { finishDocument } from './raw-blocks.ts';
import { decodeTextContent } from './utf8-text.ts';

/*
 * A small RTF reader (RTF is 7-bit text): control words, groups, `\'hh` bytes in the document's
 * ANSI code page, `\uN` Unicode escapes with their `\ucN` fallback characters skipped. Destinations
 * that are not body text (font and colour tables, styles, pictures, fields' instructions, headers,
 * anything marked `\*`) are skipped; `\par` ends a paragraph, `\outlinelevelN` makes it a heading,
 * `\cell` separates and `\row` ends a table row. The npm parsers keep the fallback character after
 * `\uN` (see ADR 0023), which would corrupt every non-ASCII letter.
 */

const TOKEN = /\\([a-z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-f]{2})|\\([^a-z])|([{}])|([\r\n]+)|([^\\{}\r\n]+)/giy;
const SKIPPED_DESTINATIONS = new Set([
  'fonttbl',
  'colortbl',
  'stylesheet',
  'info',
  'pict',
  'fldinst',
  'header',
  'footer',
  'headerl',
  'headerr',
  'footerl',
  'footerr',
  'listtable',
  'listoverridetable',
  'revtbl',
  'rsidtbl',
  'generator',
  'xmlnstbl',
  'themedata',
  'colorschememapping',
  'datastore',
  'latentstyles',
  'object',
  'filetbl',
  'pgdsctbl',
]);
const SYMBOLS: Readonly<Record<string, string>> = {
  '~': '\u00a0',
  _: '\u2011',
  '-': '',
  '\\': '\\',
  '{': '{',
  '}': '}',
};
const WORDS: Readonly<Record<string, string>> = {
  tab: '\t',
  line: '\n',
  emdash: '\u2014',
  endash: '\u2013',
  lquote: '\u2018',
  rquote: '\u2019',
  ldblquote: '\u201c',
  rdblquote: '\u201d',
  bullet: '\u2022',
  cell: '\t',
};

/** Deeper groups are counted, not kept: a file of a million `{` costs a counter, not a million frames. */
const MAX_DEPTH = 256;

interface Group {
  skipped: boolean;
  unicodeSkip: number;
}

/** Reads RTF into paragraphs; see the rules at the top of this file. */
class RtfReader {
  readonly blocks: RawBlock[] = [];
  #text = '';
  #level: number | undefined;
  #inTable = false;
  #pendingSkip = 0;
  #decoder = new TextDecoder('windows-1252');
  #stack: Group[] = [{ skipped: false, unicodeSkip: 1 }];
  #startsGroup = false;
  #overflow = 0;
  readonly #budget: CharBudget;

  constructor(budget: CharBudget) {
    this.#budget = budget;
  }

  get #group(): Group {
    return this.#stack.at(-1) ?? { skipped: false, unicodeSkip: 1 };
  }

  read(source: string): void {
    const pattern = new RegExp(TOKEN);
    for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
      const [, word, parameter, hex, symbol, brace, , text] = match;
      const startsGroup = this.#startsGroup;
      this.#startsGroup = false;
      if (brace === '{') {
        if (this.#stack.length < MAX_DEPTH) this.#stack.push({ ...this.#group });
        else this.#overflow++;
        this.#startsGroup = true;
      } else if (brace === '}') {
        if (this.#overflow > 0) this.#overflow--;
        else if (this.#stack.length > 1) this.#stack.pop();
      } else if (word !== undefined) this.#word(word.toLowerCase(), parameter, startsGroup);
      else if (hex !== undefined) this.#append(this.#decoder.decode(Uint8Array.of(Number.parseInt(hex, 16))));
      else if (symbol === '*') this.#group.skipped = true;
      else if (symbol !== undefined) this.#append(SYMBOLS[symbol] ?? '');
      else if (text !== undefined) this.#append(text);
    }
    this.#endParagraph();
  }

  #word(word: string, parameter: string | undefined, startsGroup: boolean): void {
    const value = parameter === undefined ? undefined : Number(parameter);
    if (startsGroup && SKIPPED_DESTINATIONS.has(word)) this.#group.skipped = true;
    else if (word === 'ansicpg' && value !== undefined) this.#setCodePage(value);
    else if (word === 'uc' && value !== undefined) this.#group.unicodeSkip = Math.max(0, value);
    else if (word === 'u' && value !== undefined) {
      this.#append(String.fromCharCode(value < 0 ? value + 65536 : value));
      this.#pendingSkip = this.#group.unicodeSkip;
    } else if (word === 'par') this.#endParagraph();
    else if (word === 'pard') this.#level = undefined;
    else if (word === 'outlinelevel' && value !== undefined) this.#level = Math.min(value + 1, 9);
    else if (word === 'intbl') this.#inTable = true;
    else if (word === 'row') this.#endParagraph('table-row');
    else if (WORDS[word] !== undefined) this.#append(WORDS[word]);
  }

  #setCodePage(codePage: number): void {
    try {
      this.#decoder = new TextDecoder(`windows-${codePage}`);
    } catch {
      // An unknown code page keeps Windows-1252, the RTF default.
    }
  }

  #append(text: string): void {
    if (this.#group.skipped) return;
    let kept = text;
    if (this.#pendingSkip > 0) {
      const skip = Math.min(this.#pendingSkip, kept.length);
      kept = kept.slice(skip);
      this.#pendingSkip -= skip;
    }
    this.#budget.take(kept.length);
    this.#text += kept;
  }

  #endParagraph(kind?: 'table-row'): void {
    if (this.#inTable && kind === undefined) {
      this.#text += '\t';
      return;
    }
    const text = this.#text;
    this.#text = '';
    this.#inTable = false;
    if (kind === 'table-row') this.blocks.push({ kind, text: text.replace(/\t+$/, '') });
    else if (this.#level !== undefined) this.blocks.push({ kind: 'heading', level: this.#level, text });
    else this.blocks.push({ kind: 'paragraph', text });
  }
}

/** True when text starts like an RTF document. */
export const startsLikeRtf = (text: string): boolean => /^\s*\{\\rtf/.test(text);

/** An RTF document; throws `binary_content` for non-text bytes, `too_large` past `maxExtractedChars`. */
export const extractRtf = (bytes: Uint8Array, limits: ExtractionLimits = DEFAULT_EXTRACTION_LIMITS): RawDocument => {
  const reader = new RtfReader(new CharBudget(limits.maxExtractedChars));
  reader.read(decodeTextContent(bytes));
  return finishDocument('application/rtf', reader.blocks);
};

/** Rich Text Format: the `.rtf` extension, or text that starts with `{\rtf`. */
export const RTF_FORMAT: FormatDefinition = {
  contentType: 'application/rtf',
  label: 'RTF',
  extensions: ['rtf'],
  detection: { kind: 'text', sniff: startsLikeRtf },
  extract: extractRtf,
};
