import type { RawBlock } from '@docent/domain';

/*
 * Structure of rendered manual pages (`man -P cat`, `col -bx`), read from layout alone:
 * - a section title is a capitalised line at column 0 (`NAME`, `EXIT STATUS`) -> heading level 1;
 * - a subsection title is a line indented less than the body text (`   Operation mode`) -> level 2;
 * - an entry begins a definition: the first line of a paragraph, directly followed by a line
 *   indented deeper (`       -m, --max-time <seconds>` then the description at 14 columns) ->
 *   heading one level below the enclosing title, deeper still when entries nest; when the tag is
 *   only a bullet or an item number (`o`, `-`, `2.`), the entry is a list item instead;
 * - everything else -> paragraphs split at blank lines.
 * The page counts as a man page only when `NAME` and at least two more section titles exist and
 * most other lines are indented, so ordinary text never takes this path.
 */

interface Line {
  indent: number;
  text: string;
}

const SECTION_TITLE = /^[A-Z][A-Z0-9]*(?:[ ,.&'()/-][A-Z0-9&'()/-]*)*$/;
const MIN_SECTIONS = 3;
const MIN_INDENTED_SHARE = 0.6;
const MAX_SUBSECTION_LENGTH = 60;
const MAX_LEVEL = 6;
const INLINE_GAP = / {2,}/g;
// A hanging tag that is only a bullet or an item number marks a list item, not a definition.
const LIST_MARKER = /^(?:[-o*+\u00b7\u2022]|\(?(?:\d{1,3}|[a-z])[.)])$/;

const toLines = (text: string): Line[] =>
  text.split('\n').map((raw) => {
    const line = raw.replace(/\t/g, '        ').trimEnd();
    const body = line.trimStart();
    return { indent: line.length - body.length, text: body };
  });

const isSectionTitle = (line: Line): boolean =>
  line.indent === 0 && line.text.length <= MAX_SUBSECTION_LENGTH && SECTION_TITLE.test(line.text);

const isManPage = (lines: Line[]): boolean => {
  const titles = lines.filter(isSectionTitle);
  if (titles.length < MIN_SECTIONS || !titles.some((line) => line.text === 'NAME')) return false;
  const others = lines.filter((line) => line.text !== '' && !isSectionTitle(line));
  return others.filter((line) => line.indent > 0).length >= others.length * MIN_INDENTED_SHARE;
};

/** The most common indent of the first line under a section title: where body text starts. */
const bodyIndent = (lines: Line[]): number => {
  const counts = new Map<number, number>();
  for (const [index, line] of lines.entries()) {
    if (!isSectionTitle(line)) continue;
    // Scans never overlap: the next title lies beyond the first non-blank line.
    let next = index + 1;
    while (lines[next]?.text === '') next++;
    const indent = lines[next]?.indent ?? 0;
    if (indent > 0) counts.set(indent, (counts.get(indent) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
};

/** Splits `KiB    Multiply the integer...` where the text after the gap lines up with the next line. */
const splitInlineTerm = (line: Line, bodyColumn: number): [string, string] => {
  for (const gap of line.text.matchAll(INLINE_GAP)) {
    const column = line.indent + gap.index + gap[0].length;
    if (column === bodyColumn) return [line.text.slice(0, gap.index), line.text.slice(column - line.indent)];
  }
  return [line.text, ''];
};

/** A paragraph's first line that the next line hangs under, deeper indented: a definition term. */
const startsEntry = (line: Line, next: Line, body: number): boolean =>
  line.indent >= body && next.text !== '' && next.indent > line.indent && !line.text.endsWith(':');

const dedent = (lines: Line[]): string => {
  const least = lines.reduce((smallest, line) => Math.min(smallest, line.indent), Number.POSITIVE_INFINITY);
  return lines.map((line) => ' '.repeat(line.indent - least) + line.text).join('\n');
};

/**
 * Blocks of a rendered man page with section, subsection and entry headings, or null when the text
 * is not laid out like one. The title is the first paragraph of the NAME section.
 */
export const manPageBlocks = (text: string): { blocks: RawBlock[]; title?: string } | null => {
  const lines = toLines(text);
  if (!isManPage(lines)) return null;
  const body = bodyIndent(lines);
  const blocks: RawBlock[] = [];
  let paragraph: Line[] = [];
  let listMarker: string | undefined;
  let entryIndents: number[] = [];
  let entryBase = 2;
  let section = '';
  let title: string | undefined;

  const flush = (): void => {
    if (paragraph.length === 0) return;
    const textOfParagraph = dedent(paragraph);
    if (section === 'NAME' && title === undefined) title = textOfParagraph;
    blocks.push(
      listMarker === undefined
        ? { kind: 'paragraph', text: textOfParagraph }
        : { kind: 'list-item', text: `${listMarker} ${textOfParagraph}` },
    );
    paragraph = [];
    listMarker = undefined;
  };
  const heading = (headingText: string, level: number): void => {
    flush();
    blocks.push({ kind: 'heading', text: headingText, level: Math.min(level, MAX_LEVEL) });
  };

  for (const [index, line] of lines.entries()) {
    const next = lines[index + 1];
    if (line.text === '') {
      flush();
    } else if (isSectionTitle(line)) {
      section = line.text;
      entryIndents = [];
      entryBase = 2;
      heading(line.text, 1);
    } else if (line.indent > 0 && line.indent < body && line.text.length <= MAX_SUBSECTION_LENGTH) {
      entryIndents = [];
      entryBase = 3;
      heading(line.text, 2);
    } else if (paragraph.length === 0 && next !== undefined && startsEntry(line, next, body)) {
      const [term, rest] = splitInlineTerm(line, next.indent);
      if (LIST_MARKER.test(term)) {
        listMarker = term;
      } else {
        entryIndents = entryIndents.filter((indent) => indent < line.indent);
        heading(term, entryBase + entryIndents.length);
        entryIndents.push(line.indent);
      }
      if (rest !== '') paragraph.push({ indent: next.indent, text: rest });
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return title === undefined ? { blocks } : { blocks, title };
};
